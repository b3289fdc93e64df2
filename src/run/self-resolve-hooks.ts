/** Module resolve hooks (run on Node's loader thread), registered by self-resolve.ts. */
const OWN_NAME = /^nn-timing(\/|$)/;
let ownURL = '';

export function initialize(data: { parentURL: string }): void {
  ownURL = data.parentURL;
}

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<unknown> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (OWN_NAME.test(specifier)) return nextResolve(specifier, { ...context, parentURL: ownURL });
    throw error;
  }
}

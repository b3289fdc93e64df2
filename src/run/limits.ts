/** Bounds of `timeout`, the seconds a strategy run may take; the upper one is setTimeout's limit. */
export const TIMEOUT_SECONDS = { min: 0.001, max: 2_000_000 } as const;

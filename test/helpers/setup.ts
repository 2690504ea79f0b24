// Tells React that component tests drive updates through act(), so it flushes them there and warns about any it misses.
(globalThis as typeof globalThis & {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

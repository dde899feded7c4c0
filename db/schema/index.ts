/** The whole database schema: one file per domain, re-exported for drizzle and drizzle-kit. */
export * from './app';
export * from './catalog';
export * from './merchants';
export * from './merchants-local';
export * from './suppliers';
export * from './opinion';
export * from './opinion-local';
export * from './okr';
export * from './kpi';
export * from './meetings-local';

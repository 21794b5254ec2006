export * from './change-event';
export * from './change-migrations';
export * from './change-feed';
export * from './change-notifier';
export * from './change-routes';
export * from './change-consumer';
export * from './change-subscription';

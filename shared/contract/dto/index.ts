// Every DTO the UI receives through the contract.
export type * from './app';
export type * from './lists';
export type * from './campaigns';
export type * from './send';
export type * from './recipients';
export type * from './approval-mail';
export type * from './bounces';
export type * from './oauth';
export type * from './reports';

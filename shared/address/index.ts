// Address rules shared by import, guards and the UI: normalise, validate, domain of.
export { normaliseAddress, domainOf, type AddressChange } from './normalise';
export { validateAddress, type AddressRejectReason } from './validate';
export { isMailboxAddress, isSingleAddress } from './single';
export { punycodeEncode } from './punycode';

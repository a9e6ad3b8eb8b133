// Address rules shared by import, guards and the UI: normalise, validate, domain of.
export { normaliseAddress, domainOf, type AddressChange, type NormalisedAddress } from './normalise';
export { validateAddress, type AddressRejectReason } from './validate';
export { isMailboxAddress, isSingleAddress } from './single';
export { domainToAscii, punycodeEncode } from './punycode';

// Stand-in for `node-fetch` in bundles. Only oci-common's instance-principal metadata client
// (url-based-x509-certificate-supplier) imports it, for a plain GET with headers; Node 20's global
// fetch does the same job, and dropping node-fetch also drops whatwg-url and tr46 (~300 KB).
'use strict';
const fetchShim = (...args) => globalThis.fetch(...args);
module.exports = fetchShim;
module.exports.default = fetchShim;
module.exports.Headers = globalThis.Headers;
module.exports.Request = globalThis.Request;
module.exports.Response = globalThis.Response;

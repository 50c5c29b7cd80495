// Stand-in for `isomorphic-fetch` in bundles: Node 20 provides fetch, Request, Headers, Response globally.
module.exports = {};

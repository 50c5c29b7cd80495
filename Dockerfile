# One image for every function (see func.yaml): the bundles are self-contained (esbuild inlines
# all dependencies), so the runtime stage holds only node and dist/functions.
# `fn deploy` runs `docker build` on this file; FUNCTION_NAME (fn config) selects the function.
# docs/image.md: how it is built and what `npm run image:check` proves.
#
# Base: NODE_IMAGE, the Node the project runs on (package.json's `node` devDependency; a unit test
# keeps them equal). For a byte-reproducible base pin its digest too:
#   --build-arg NODE_IMAGE=node:24.21.0-slim@sha256:<digest>
# Both stages use the same base: `npm run build` writes each bundle's V8 code cache
# (dist/functions/<fn>.cache, bundle/code-cache.ts), which V8 accepts only from the same Node/V8
# version and flags; the runtime gets its V8 flags as function config (NODE_OPTIONS per memory tier,
# deployment/node-args.ts, set by Terraform) and the build trains each cache under them. A mismatch
# is not fatal: entry.cjs logs one warning and compiles from source.
#
# Behind a TLS-intercepting proxy, give npm its CA as a build secret (never a layer, never an ENV):
#   docker build --secret id=npm_ca,src="$NODE_EXTRA_CA_CERTS" .
ARG NODE_IMAGE=node:24.21.0-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# the lockfile names the local cloud's workspace; its manifest is all npm ci needs of it (none of its code)
COPY local-cloud/package.json ./local-cloud/package.json
# `npm ci`: exactly the lockfile's versions. --ignore-scripts: the base's node runs the build, so the
# `node` devDependency's install script (it downloads a Node binary outside the lockfile) must not
# run; the one install script the build needs is esbuild's (package.json allowScripts).
RUN --mount=type=secret,id=npm_ca \
    if [ -f /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm ci --no-audit --no-fund --ignore-scripts && npm rebuild esbuild
COPY tsconfig.json ./
COPY scripts ./scripts
COPY bundle ./bundle
COPY schema ./schema
COPY shared ./shared
COPY deployment ./deployment
COPY functions ./functions
# npm run build also builds the web app (dist/web); the runtime stage does not take it
COPY web ./web
# further V8 flags the functions run with (beyond deployment/node-args.ts) must train the cache too.
ARG CODE_CACHE_NODE_OPTIONS=
# BUILD_CODE_CACHE=image: one code cache per function, for `node entry.cjs` under its tier's NODE_OPTIONS.
RUN BUILD_CODE_CACHE=image npm run build

FROM ${NODE_IMAGE}
# The allocator: Debian's jemalloc, preloaded into every process of the image, one arena, freed pages
# returned at once (deployment/node-args.ts IMAGE_ALLOCATOR; a unit test keeps the two equal). glibc's
# malloc kept the high-water mark of transient bursts, +10-24 MB per container in the soak
# (docs/operations.md "Soak memory"). The link gives it one path on every architecture.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libjemalloc2 \
    && rm -rf /var/lib/apt/lists/* \
    && ln -s "$(dpkg -L libjemalloc2 | grep '/libjemalloc\.so\.2$')" /usr/local/lib/libjemalloc.so.2
ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 MALLOC_CONF=narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0
WORKDIR /function
ENV NODE_ENV=production
# bundles, their code caches and source maps (stack traces name the TypeScript sources)
COPY --from=build /src/dist/functions ./dist/functions
# The Fn agent mounts the socket directory (FN_LISTENER) and talks over a unix socket; the FDK
# makes the socket world-writable, so an unprivileged user works.
USER node
CMD ["node", "dist/functions/entry.cjs"]

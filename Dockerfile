# One image for every function (see func.yaml): the bundles are self-contained (esbuild inlines
# all dependencies), so the runtime stage holds only node and dist/functions.
# `fn deploy` runs `docker build` on this file; FUNCTION_NAME (fn config) selects the function.
#
# `npm run build` also writes each bundle's V8 code cache (dist/functions/<fn>.cache, see
# scripts/code-cache.ts). V8 accepts a cache only from the same Node/V8 version and flags, so both
# stages use the same base image (NODE_IMAGE; pin a digest for reproducible images) and the runtime
# starts node without flags. A mismatch is not fatal: entry.cjs logs one warning and compiles from source.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# `npm ci`: exactly the lockfile's versions; install scripts only for package.json's allowScripts.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY schema ./schema
COPY shared ./shared
COPY functions ./functions
# npm run build also builds the web app (dist/web); the runtime stage does not take it
COPY web ./web
# the build reads the runner's V8 flags and the stack's function settings (infra/local only: infra/oci may hold tfvars and state)
COPY infra/local ./infra/local
# V8 flags the functions run with (e.g. a NODE_OPTIONS set in the fn config) must train the cache too.
ARG CODE_CACHE_NODE_OPTIONS=
RUN npm run build

FROM ${NODE_IMAGE}
WORKDIR /function
ENV NODE_ENV=production
COPY --from=build /src/dist/functions ./dist/functions
# The Fn agent mounts the socket directory (FN_LISTENER) and talks over a unix socket; the FDK
# makes the socket world-writable, so an unprivileged user works.
USER node
CMD ["node", "dist/functions/entry.cjs"]

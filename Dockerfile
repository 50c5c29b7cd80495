# One image for every function (see func.yaml): the bundles are self-contained (esbuild inlines
# all dependencies), so the runtime stage holds only node and dist/functions.
# `fn deploy` runs `docker build` on this file; FUNCTION_NAME (fn config) selects the function.

FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY schema ./schema
COPY shared ./shared
COPY functions ./functions
RUN npm run build

FROM node:20-slim
WORKDIR /function
ENV NODE_ENV=production
COPY --from=build /src/dist/functions ./dist/functions
# The Fn agent mounts the socket directory (FN_LISTENER) and talks over a unix socket; the FDK
# makes the socket world-writable, so an unprivileged user works.
USER node
CMD ["node", "dist/functions/entry.cjs"]

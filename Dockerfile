# syntax=docker/dockerfile:1
# MoolAI Orchestrator image: `./build.sh` builds it, `docker compose up` runs it (see docker-compose.yml).
# The code also runs on Node 20; the image uses the current LTS line.
ARG NODE_VERSION=24

# --- build: compile TypeScript to dist/ ---------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# src/gui may not exist yet; creating it here lets the runtime stage copy it unconditionally.
RUN npm run build && mkdir -p src/gui

# --- runtime: production dependencies, compiled code, migrations, static pages -------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# The service binds 127.0.0.1 unless told otherwise when ENVIRONMENT=development; in a container it must listen on
# every interface whatever the environment, or the published port reaches nothing.
ENV NODE_ENV=production \
    ENVIRONMENT=production \
    ORCHESTRATOR_HOST=0.0.0.0 \
    ORCHESTRATOR_PORT=8000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/src/gui ./src/gui
COPY migrations ./migrations
# Code stays root-owned (read-only to the service); only the embedded-database folder (DATA_DIR=./data) is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

EXPOSE 8000
STOPSIGNAL SIGTERM
# Slim images have no curl: Node's fetch does it. /health answers 200 when healthy or degraded, 503 while draining.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.ORCHESTRATOR_PORT||8000)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]

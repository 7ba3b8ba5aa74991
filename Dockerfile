# syntax=docker/dockerfile:1
# Switchboard in a container. The image installs the same npm tarball the package test installs
# (test/e2e/package-install.test.ts) and runs the same command: `switchboard start`.
# Not built on the machines this was written on (no Docker daemon); see docs/containers.md.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles when no prebuilt binary can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY dashboard ./dashboard
COPY docs ./docs
COPY README.md ./
# `npm pack` builds dist/ (the prepare script) and packs what package.json's `files` lists.
RUN npm pack --pack-destination /tmp \
  && npm install -g --prefix /opt/switchboard --no-audit --no-fund --allow-scripts=better-sqlite3 /tmp/switchboard-*.tgz

FROM node:20-bookworm-slim
COPY --from=build /opt/switchboard /opt/switchboard
ENV PATH=/opt/switchboard/bin:$PATH \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    XDG_CONFIG_HOME=/config \
    XDG_DATA_HOME=/data
# Config: environment variables (PROXY_API_KEY, OPENAI_API_KEY, GH_TOKEN, …) and/or a file
# mounted at /config/switchboard/config.yaml. Saved sign-ins and data live under /data.
RUN mkdir -p /config/switchboard /data/switchboard && chown -R node:node /config /data
USER node
WORKDIR /data
VOLUME ["/data"]
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 4000}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets streams in flight finish for up to 10 s; docker's own grace is 10 s too.
STOPSIGNAL SIGTERM
CMD ["switchboard", "start"]

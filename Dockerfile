# dockwarden in a container that audits the host it runs on:
#   docker run --rm -it --pid host --net host --userns host --cap-add AUDIT_CONTROL \
#     -v /:/host:ro -v /var/run/docker.sock:/var/run/docker.sock:ro IMAGE --root /host
# Not built in CI: these machines cannot pull a base image.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY source ./source
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# auditctl reads the kernel's live audit rules (it needs --cap-add AUDIT_CONTROL); nothing else is needed at run time.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends auditd \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The sample host of --demo.
COPY --from=build /app/source/demo/sample-host ./source/demo/sample-host
ENV NODE_ENV=production
ENTRYPOINT ["node", "/app/dist/cli.js"]

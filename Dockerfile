# The image compose.yaml runs, as app instances (npm run serve) and as a worker (npm run worker).
# SITE_URL is baked into the pages at build time: docker compose build --build-arg SITE_URL=https://example.com
FROM node:24-bookworm-slim
WORKDIR /app
ENV ASTRO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc* ./
RUN npm install --no-audit --no-fund
COPY . .
ARG SITE_URL=http://localhost:8080
ENV SITE_URL=$SITE_URL
RUN npm run build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321
EXPOSE 4321
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:4321/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["npm", "run", "serve"]

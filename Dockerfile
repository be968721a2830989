# Web stage: build the React app from its generated client.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY docs/openapi.json /src/docs/openapi.json
COPY frontend ./
RUN npm run build

# Build stage: compile the `clinic` binary in release mode.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY crates crates
COPY migration migration
RUN cargo build --release -p clinic-api --locked

# Runtime stage: a small image with only the binary.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 clinic \
    && mkdir -p /var/lib/clinic && chown clinic: /var/lib/clinic
COPY --from=build /src/target/release/clinic /usr/local/bin/clinic
COPY --from=web /src/frontend/dist /srv/clinic-web
USER clinic
# The audit checkpoint: mount a volume here (compose does) so it outlives the container.
ENV CLINIC_ADDR=0.0.0.0:8080 CLINIC_WEB_DIR=/srv/clinic-web \
    CLINIC_AUDIT_CHECKPOINT=/var/lib/clinic/audit-checkpoint.json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/ready || exit 1
ENTRYPOINT ["/usr/local/bin/clinic"]
CMD ["serve"]

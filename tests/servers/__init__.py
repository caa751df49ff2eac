"""Real infrastructure started by tests on loopback: redis-server, haproxy (Debian packages)."""

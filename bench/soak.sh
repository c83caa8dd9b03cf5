#!/bin/sh
# The soak run (see soak.py): 60 s, 256 connections, a browser's Accept-Encoding.
exec python3 "$(dirname "$0")/soak.py" "$@"

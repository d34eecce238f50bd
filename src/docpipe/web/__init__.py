"""docpipe serve: a local web page and HTTP API over the public docpipe API."""

"""One module per deliverable: each turns a Case into what its template needs."""

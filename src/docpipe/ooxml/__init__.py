"""What the Word and Excel engines share: the package's zip, its part names and content types, its
core properties and the colours both recolour. Neither engine imports the other; both import this."""

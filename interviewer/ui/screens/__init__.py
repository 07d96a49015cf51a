"""One module per screen; each takes what it shows in its constructor and posts messages up."""

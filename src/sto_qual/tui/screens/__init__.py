"""One screen per mode of the app."""

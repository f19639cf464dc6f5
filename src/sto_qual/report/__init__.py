"""Writers: codebook and codings files, reports, exports. Data in, file out."""

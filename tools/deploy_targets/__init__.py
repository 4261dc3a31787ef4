"""Upload targets for `make publish`: rsync over SSH, GitHub Pages, S3-compatible storage.

Each module exposes `deploy(outputdir, settings, dry_run) -> Summary` and raises
`common.DeployError` with a message a clinician can act on. tools/deploy.py picks one.
"""

"""Policies: policy pages, the footer policy nav, policy notices and email disclosures."""

from .policies import register  # noqa: F401

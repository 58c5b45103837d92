"""All demonstration seeding (`manage.py seed_demo`, DEBUG only). It calls each app's public
services; no production module imports it."""

"""One module per area, each seeding that area's demonstration data through its services;
`demo.seeding.seed()` runs them in order."""

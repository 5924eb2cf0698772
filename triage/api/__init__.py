"""JSON API over the same services as the pages; bearer tokens; OpenAPI document."""

"""The machinery of a public list page: a new list goes here (index page, filter form, paging, cards, API helpers).

Imports only taxonomy, core and the public cache; the concrete lists live in their apps (portal, funding, impact_data).
"""

"""Impact Data: the indicator catalogue page (SDG goal → target → indicator) with the public reports using each.

Sits above reports and below portal: imports directory, reports, creators, taxonomy and core, never portal.
"""

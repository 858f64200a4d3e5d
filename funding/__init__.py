"""Impact Funding: the funders editors maintain (a snippet with drafts and revisions) and their public directory.

Sits above reports and below portal: imports directory, creators, reports, taxonomy and core, never portal.
"""

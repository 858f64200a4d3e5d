"""Sample data for a portal that looks alive on first run (``make demo``): fictional, marked, removable.

``load.sample_data_load`` registers the sample organisations and assessors through the real registration,
verification and moderation services, builds their Impact Reports through the wizard's draft and submission
services, and has a sample moderator approve everything; ``remove.sample_data_remove`` erases all of it.
"""

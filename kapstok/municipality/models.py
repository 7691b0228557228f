"""What the municipality may see beyond the public fields: only what a member agreed to share.

A member who is not listed publicly is invisible to the municipality, and one who is shows only
name, branches and website (`kapstok.accounts.access.MemberDetail.PUBLIC`). Whether the
municipality also sees the e-mail address and phone rests on the business's own consent for
*that* municipality, a `kapstok.trust.models.ConsentRecord` (purpose `MUNICIPALITY_CONTACT`):
given by the business only, withdrawable at any time. This app keeps no model of its own.
"""

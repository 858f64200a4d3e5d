"""The visitor's address behind load balancers (ops/client_address.py): per-IP limits count by the entry our own
proxies wrote to X-Forwarded-For, never by what the visitor typed there, and ignore the header without proxies."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ops.client_address import forwarded_client
from tests.creators.factories import creator_form_data

LB = "10.0.0.2"
addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
junk = st.text(alphabet="abcxyz0123456789.:[] ", max_size=20)


@given(typed=st.lists(st.one_of(addresses, junk), max_size=4), ours=st.lists(addresses, min_size=1, max_size=3))
def test_the_visitor_is_the_entry_our_first_proxy_wrote_whatever_the_visitor_typed_before_it(typed, ours):
    # ours[0] is the visitor's address as our outermost proxy saw it; each of our proxies appends what it received.
    header = ", ".join([*typed, *ours])
    assert forwarded_client(remote_addr=LB, forwarded_for=header, hops=len(ours)) == str(ipaddress.ip_address(ours[0]))


@given(header=st.text(max_size=60), remote=addresses)
def test_without_proxies_the_header_is_ignored(header, remote):
    assert forwarded_client(remote_addr=remote, forwarded_for=header, hops=0) == remote


@given(hops=st.integers(min_value=1, max_value=5), header=st.text(max_size=60), remote=addresses)
def test_the_answer_is_an_address_the_header_holds_or_the_socket_peer(hops, header, remote):
    answer = forwarded_client(remote_addr=remote, forwarded_for=header, hops=hops)
    assert answer == remote or ipaddress.ip_address(answer)


@pytest.mark.parametrize(
    ("header", "hops", "expected"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),
        ("1.2.3.4, 203.0.113.7", 1, "203.0.113.7"),  # the visitor typed 1.2.3.4
        ("203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),
        ("203.0.113.7", 2, LB),  # came past fewer proxies than we run: the socket peer
        ("203.0.113.7:51234", 1, "203.0.113.7"),
        ("[2001:db8::7]:443", 1, "2001:db8::7"),
        ("not-an-address", 1, LB),
        ("", 1, LB),
    ],
)
def test_examples(header, hops, expected):
    assert forwarded_client(remote_addr=LB, forwarded_for=header, hops=hops) == expected


@pytest.mark.django_db
def test_registrations_behind_one_load_balancer_are_limited_per_visitor_not_for_everyone(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.REGISTRATIONS_PER_IP_PER_HOUR, settings.REGISTRATIONS_PER_IP_PER_DAY = 2, 20

    def register(n, visitor, typed=""):
        data = creator_form_data(email=f"lb{n}@example.org", name_en=f"LB {n}", contact_email=f"c{n}@example.org")
        forwarded = f"{typed}, {visitor}" if typed else visitor
        return client.post("/accounts/register/creator/", data, REMOTE_ADDR=LB, HTTP_X_FORWARDED_FOR=forwarded)

    assert [register(n, "203.0.113.7").status_code for n in range(2)] == [302, 302]
    # The same visitor typing a fresh address before the balancer's entry is still the same visitor.
    assert register(2, "203.0.113.7", typed="198.51.100.1").status_code == 429
    # Another visitor through the same balancer is not blocked by the first one's registrations.
    assert register(3, "198.51.100.20").status_code == 302

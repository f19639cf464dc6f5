"""How many regions the counted interviews were held in (``domain.regions``)."""
from sto_qual.domain.regions import fewer_regions, regions_count, repeated_regions


def test_regions_interviewed_more_than_once_and_the_method_words():
    attrs = {1: {"region": "R12"}, 2: {"region": "r12 "}, 3: {"region": "R01"}, 4: {"region": "R02"}}
    assert repeated_regions(attrs) == {"R12": [1, 2]} and repeated_regions(attrs, {1, 3, 4}) == {}
    assert regions_count(attrs) == 3 and regions_count({**attrs, 5: {}}) is None  # one without: not said
    assert fewer_regions(attrs, None, 4, "nl") == (
        "drie caseregio's", "In één regio zijn meerdere gesprekken gevoerd; elk telt als interview, zodat zo'n "
        "regio meer dan eens meetelt waar dit hoofdstuk regio's telt. ")
    assert fewer_regions(attrs, {1, 3, 4}, 3, "nl") == (None, "")
    assert fewer_regions(attrs, None, 4, "en")[0] == "three case regions"


def test_every_interview_in_one_region_is_said_so():
    """Three interviews of one region said "drie interviews … in evenzoveel caseregio's" and "(de regio)"."""
    attrs = {1: {"region": "R01"}, 2: {"region": "R01"}, 3: {"region": "R01"}}
    regions, why = fewer_regions(attrs, None, 3, "nl")
    assert regions == "één caseregio" and why.startswith("In één regio zijn meerdere gesprekken gevoerd")
    assert fewer_regions({1: {"region": "R01"}}, None, 1, "nl") == (None, "")  # one interview: said as before


def test_a_group_of_one_region_interviewed_twice_is_named_as_one_region():
    """"de eilandregio's (twee interviews) is te klein": one island region, interviewed in two rounds."""
    from sto_qual.domain.regions import regions_in_groups
    attrs = {1: {"region": "R01", "region_type": "eiland"}, 2: {"region": "r01", "region_type": "Eiland"},
             3: {"region": "R02", "region_type": "krimp"}, 4: {"region": "R03", "region_type": "krimp"},
             5: {"region_type": "stedelijk"}}
    assert regions_in_groups(attrs, "region_type") == {"eiland": 1, "krimp": 2}  # (one without a region: not said)
    assert regions_in_groups(attrs, "region_type", {3}) == {"krimp": 1}

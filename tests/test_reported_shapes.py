"""Report shapes the candidate rules of reported speech once passed over, on invented articles.

Each case: the text, then the reported-speech records expected in text order as (speaker, cue,
content), compared whole, so a boundary that moves fails the test.
"""

from __future__ import annotations

import pytest

from quotecheck.engine.extract import extract_text

CASES = {
    "poll respondents saying": (
        "Voters still see Ilse Varga as the steadier candidate, with 41 percent of them saying she would "
        "handle a flood better. Tomas Brandt trails, with three in 10 voters saying he is ready for the job.",
        [
            ("41 percent of them", "saying", "she would handle a flood better"),
            ("three in 10 voters", "saying", "he is ready for the job"),
        ],
    ),
    "source set off after its cue": (
        "The contrast with the mayor, said Tom Wren and others, would be clear to voters. "
        "And the council, said Ilse Varga, who remains close to her former boss, will vote in May. "
        "The mayor's former aide, Tomas Brandt, said the official who replaced him should resign. "
        "And aides to the mayor say their speeches, already full of promises, will change.",
        [
            ("Tom Wren", "said", "The contrast with the mayor, said Tom Wren and others, would be clear to voters"),
            (
                "Ilse Varga",
                "said",
                "And the council, said Ilse Varga, who remains close to her former boss, will vote in May",
            ),
            ("Tomas Brandt", "said", "the official who replaced him should resign"),
            ("aides to the mayor", "say", "their speeches, already full of promises, will change"),
        ],
    ),
    "second verb of the content": (
        "Senator Ilse Varga says she spoke to the governor on Monday and asked him to delay the vote. "
        "Tomas Brandt, the mayor, said he admires the plan and praised the council for its work.",
        [
            ("Ilse Varga", "says", "she spoke to the governor on Monday and asked him to delay the vote"),
            ("Tomas Brandt", "said", "he admires the plan"),
        ],
    ),
    "idiom before the cue": (
        "The ferry operator Harbour Lines is taking pains to say it is not backing any candidate. "
        "Tomas Brandt spoke on Monday. He went out of his way to say that Orvel's economy had hit bottom "
        "this year. Ilse Varga made a point to say that the pier would reopen.",
        [
            ("Harbour Lines", "say", "it is not backing any candidate"),
            ("Tomas Brandt", "say", "that Orvel's economy had hit bottom this year"),
            ("Ilse Varga", "say", "that the pier would reopen"),
        ],
    ),
    "claim joined to a quoted second verb": (
        "Clinic Waits Grow\n\n"
        "The Department of Veterans Services released its figures on Monday. The department said in a "
        'statement that it had approved funding for three new physician posts and was "actively recruiting" '
        'for them. Tomas Brandt said the wait was "a disgrace."',
        [
            (
                "Department of Veterans Services",
                "said",
                "that it had approved funding for three new physician posts",
            ),
        ],
    ),
    "claim of a second verb after the quote": (
        "Deal Near\n\n"
        'Sen. Tomas Brandt told reporters that the two sides had settled "about 95 percent of the text" and'
        " were haggling only over how the money would be shared.",
        [("Tomas Brandt", "told", "were haggling only over how the money would be shared")],
    ),
    "runs between doubled apostrophes": (
        "Ferries Return\n\n"
        "The harbor chief, Peter Halvorsen, met the board on Monday.\n\n"
        "''She gave us the mandate to bring together a crew that could finish the pier for her, but could also"
        " then begin to work with the boards that run our port, what you run, what the county runs,'' he said,"
        " also alluding to the unions and members of the council.\n\n"
        "''We have started all of those talks,'' Mr. Halvorsen said, adding of the mayor, ''She cares about the"
        " pier.''",
        [
            (
                "Peter Halvorsen",
                "said",
                "''She gave us the mandate to bring together a crew that could finish the pier for her, but could"
                " also then begin to work with the boards that run our port, what you run, what the county runs,''",
            ),
            ("Peter Halvorsen", "said", "''We have started all of those talks,''"),
        ],
    ),
    "a run between doubled apostrophes after the cue": (
        "Ferry Talks\n\n"
        "Asked whether she would run the port board, Ingrid Solvang shook her head and said, ''No.'' The harbor"
        " office said in a statement: ''Neither of these letters involve the mayor.'' In other words, she said,"
        " ''the board is done.''",
        [
            ("Ingrid Solvang", "said", "''No.''"),
            ("the harbor office", "said", "''Neither of these letters involve the mayor.''"),
            ("Ingrid Solvang", "said", "In other words, she said, ''the board is done.''"),
        ],
    ),
    "a quote between doubled apostrophes over two paragraphs": (
        "Inspector Testifies\n\n"
        "Delphine Arkwell, who has led the office since spring, appeared before the committee on Tuesday.\n\n"
        "''I am not here to make excuses,'' Ms. Arkwell said in her opening statement. ''I am here to tell you"
        " how we got here.''\n\n"
        "''This is not a race about who has the slickest ads,'' she said. ''It is about who stands with you when"
        " the plant manager says the jobs are going somewhere cheaper.\n\n"
        "''I have stood there before. I will stand there again.''",
        [
            (
                "Delphine Arkwell",
                "said",
                "''I am not here to make excuses,'' Ms. Arkwell said in her opening statement. ''I am here to tell"
                " you how we got here.''",
            ),
            (
                "Delphine Arkwell",
                "said",
                "''This is not a race about who has the slickest ads,'' she said. ''It is about who stands with you"
                " when the plant manager says the jobs are going somewhere cheaper",
            ),
            ("Delphine Arkwell", "said", "''I have stood there before. I will stand there again.''"),
        ],
    ),
    "a clause the parser split after its auxiliary": (
        "Ferry Poll\n\n"
        "Most voters back the pier plan. But 16 percent of registered voters in Orvel still say they don’t yet"
        " know enough about Ilse Varga to form an opinion.",
        [
            (
                "16 percent of registered voters in Orvel",
                "say",
                "they don’t yet know enough about Ilse Varga to form an opinion",
            )
        ],
    ),
    "a list the parser hung as an apposition": (
        "Ferry Race\n\n"
        "Tomas Brandt met voters in Orvel on Monday.\n\nHe said he and the mayor differ on the pier, the new toll"
        " and the future of the night ferry.",
        [
            (
                "Tomas Brandt",
                "said",
                "he and the mayor differ on the pier, the new toll and the future of the night ferry",
            )
        ],
    ),
    "a claim before a second that-clause whose words are quoted": (
        "Pier Talks\n\nMs. Varga told reporters aboard the ferry that Orvel was prepared to help Kastren pay for a"
        " new pier on its coast, but that the offer “will not stay on the table forever.”",
        [("Ms. Varga", "told", "that Orvel was prepared to help Kastren pay for a new pier on its coast")],
    ),
    "a frame the parser hangs beside the clause it judges": (
        "Doubts\n\nBRANDT, May 5 – Jan Roe, the chief negotiator, spoke on Monday.\n\n"
        "Roe said it was unlikely the crossing would reopen in June.\n",
        [("Jan Roe", "said", "it was unlikely the crossing would reopen in June")],
    ),
    "a day opening a timeline's line is no source": (
        "Road row\n\nTimeline of the dispute\n\nMarch 3: talks open in Orvel.\n\nTuesday: talks collapse in Orvel.\n\n"
        "Jan Roe: the road should never have closed.\n",
        [("Jan Roe", ":", "the road should never have closed")],
    ),
    "they after a group described as the source just before": (
        "Flood toll rises\n\nTESSEL, Aug. 1 – Rescue teams searched the river banks on Wednesday.\n\n"
        "Officials said the death toll had risen to 12. They said more than 40 people were missing.\n",
        [
            ("officials", "said", "the death toll had risen to 12"),
            ("officials", "said", "more than 40 people were missing"),
        ],
    ),
    "a quoted name inside the claim": (
        "Harbour plan\n\nJan Roe said the “Harbour Forward” plan would be scrapped next year.\n",
        [("Jan Roe", "said", "the “Harbour Forward” plan would be scrapped next year")],
    ),
    "a so-called term inside the claim": (
        "Reform row\n\nJan Roe said the so-called “reform” would cost hundreds of jobs.\n",
        [("Jan Roe", "said", "the so-called “reform” would cost hundreds of jobs")],
    ),
    "she after a sentence opening on a possessor": (
        'Bus contract\n\nBoard chair Yvonne Castellan said the decision was "purely about price". Larkspur\'s bid was'
        " 18 percent lower than that of the local operator, Moll Transport, she said.\n",
        [
            (
                "Yvonne Castellan",
                "said",
                "Larkspur's bid was 18 percent lower than that of the local operator",
            )
        ],
    ),
    "according to after a report relays it": (
        "Senate\n\nMarsh said privately the coalition might not survive the autumn budget, according to two"
        " senators who attended a party meeting on Wednesday.\n",
        [
            (
                "two senators who attended a party meeting on Wednesday",
                "according to",
                "Marsh said privately the coalition might not survive the autumn budget",
            )
        ],
    ),
    "a source the parser hung on the last name as an apposition": (
        "Bus contract\n\nThe bus contract will go to Larkspur Coaches, the school board announced on Monday.\n",
        [("the school board", "announced", "The bus contract will go to Larkspur Coaches")],
    ),
    "a list's line with no subject": (
        "What the councillor does\n\nTomas Brandt has been on the council for 12 years.\n\n"
        "Keeps saying the pier will reopen in June.\n\n"
        "Votes against every budget.\n\nCritics say the pier will stay closed.\n",
        [(None, "saying", "the pier will reopen in June"), ("critics", "say", "the pier will stay closed")],
    ),
    "the person a result led to speak": (
        "Pier vote\n\nIlse Varga won the district by 20 points, a result that led her to declare that the pier "
        "would be rebuilt by June.",
        [("Ilse Varga", "declare", "that the pier would be rebuilt by June")],
    ),
    "a source whose last words are a date": (
        "Donors\n\nWealthy conservatives are helping pay for a series of last-ditch efforts to wound Tomas J. "
        "Brandt, disclosures filed on Sunday night revealed.",
        [
            (
                "disclosures filed on Sunday night",
                "revealed",
                "Wealthy conservatives are helping pay for a series of last-ditch efforts to wound Tomas J. Brandt",
            )
        ],
    ),
    "an aside in brackets after the source": (
        "Pier losses\n\nThe pier lost money in 2023, according to exit polls (a sizable margin, but one that is "
        "smaller than before).",
        [
            (
                "exit polls",
                "according to",
                "The pier lost money in 2023, according to exit polls (a sizable margin, but one that is smaller "
                "than before)",
            )
        ],
    ),
    "a time when something was said": (
        "Pier sale\n\nAt a time when it was said that the pier would close, Tomas Brandt bought it.",
        [],
    ),
    "section headings in capitals": (
        "Council vote\n\nWHAT HAPPENS NEXT: The council votes on Tuesday.\n\nWHY IT MATTERS: The vote decides the"
        " waterfront's future.\n\nTHE BOTTOM LINE: The claim is false.\n\nTHE PRESIDENT: Thank you all for"
        " coming today.\n",
        [("The President", ":", "Thank you all for coming today")],
    ),
    "what a source would not say": (
        "Chief\n\nA spokesman, Daniel Arce, declined to say whether the chief had been fired. The mayor did not"
        " want to say when the pier would reopen.",
        [
            ("Daniel Arce", "declined to say", "whether the chief had been fired"),
            ("the mayor", "did not want to say", "when the pier would reopen"),
        ],
    ),
    "a participle after a judgment": (
        "Budget\n\nAdela Marchetti defended the budget on Monday, telling reporters that it would protect schools"
        " and libraries.",
        [("Adela Marchetti", "telling", "that it would protect schools and libraries")],
    ),
    "a person described by two roles after a comma": (
        "Pier Sale\n\nTomas Brandt said the pier would be sold to its new owner, a lawyer and former judge.",
        [("Tomas Brandt", "said", "the pier would be sold to its new owner")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_report_shape(case):
    text, want = CASES[case]
    got = [q for q in extract_text(text, reported=True) if q.kind == "indirect"]
    assert [(q.speaker, q.cue, q.text) for q in got] == want
    for q in got:
        assert text[q.start : q.end] == q.text


def test_a_so_called_term_is_nobodys_quotation():
    """ "the so-called “reform”": the term is held at arm's length, not the source's words quoted."""
    [term] = [
        q
        for q in extract_text("Reform row\n\nJan Roe said the so-called “reform” would cost jobs.\n")
        if q.kind != "indirect"
    ]
    assert term.text == "reform" and term.confidence < 0.5

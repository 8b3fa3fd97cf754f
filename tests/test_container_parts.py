"""A container's failed parts are let go as they fail (a mailbox of large messages, a zip)."""

from quotecheck.library import Library


def test_a_failed_part_of_a_container_is_let_go_at_once(tmp_path, monkeypatch):
    """A container's failed part is kept as its message, not with the traceback whose frames hold the
    part's bytes, so a mailbox of large messages is not held whole in memory until its end."""
    import gc
    import weakref

    from quotecheck import library
    from quotecheck.io.formats import read_articles as real
    from quotecheck.io.ingest import IngestError

    class Payload(bytearray):
        pass

    held = []
    article = tmp_path / "ferry.txt"
    article.write_text('Ferry story\n\n"The ferry is late," said Ada Wren.\n', encoding="utf-8")

    def container(path, *, on_error=None, on_note=None):
        def broken_part():
            data = Payload(b"x" * 1000)  # a part's bytes, held by this frame
            held.append(weakref.ref(data))
            raise IngestError(f"{path}#1", "cannot read the date")

        try:
            broken_part()
        except IngestError as exc:
            on_error(exc)
        gc.collect()
        assert held[0]() is None, "the failed part's bytes are still held"
        yield from real(article)

    monkeypatch.setattr(library, "read_articles", container)
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([tmp_path / "desk.mbox"])
    assert report.errors == [f"{tmp_path / 'desk.mbox'}#1: cannot read the date"]
    assert len(report.added) == 1

"""privacy_guard: no third-party loads and no scripts, enforced at build time."""


def register():
    # Imported here, not at the top, so tools can use privacy_guard.audit without
    # loading Pelican (which takes longer than the whole audit of a small site).
    from .privacy_guard import register as connect_signals
    connect_signals()

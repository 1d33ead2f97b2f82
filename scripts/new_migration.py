"""Dev tool: autogenerate an Alembic revision against a scratch SQLite database.

Usage: python scripts/new_migration.py REV DOWN_REV "message"  (then delete ops for tables that are not yours)
"""
import sys
from sqlalchemy import create_engine
from alembic import command
from gatehouse.store.db import alembic_config
rev, down, msg = sys.argv[1], sys.argv[2], sys.argv[3]
eng = create_engine("sqlite:////tmp/gh_autogen_%s.db" % rev + "")
with eng.begin() as conn:
    cfg = alembic_config(); cfg.attributes["connection"] = conn
    if down != "None":
        command.upgrade(cfg, "head")
    command.revision(cfg, message=msg, autogenerate=True, rev_id=rev)

"""Reports: request and service cubes (days and months), referral slices per filter, hour histograms

Replaces 0005's day rollups, which counted one dimension at a time, so that a report with one filter
(or, for requests, any combination of request filters) is answered from rollups too:

- report_request_cube, report_service_cube: counts by every request dimension, per Brussels day and
  per month; a period reads its whole months from the month rows and its edges from the day rows;
- report_referral_slices, report_closed_target_slices, report_closed_request_slices, report_hour_slices:
  each referral counted in the slice without a filter and in each filter's slice it falls in (its
  request's kind, theme, channel and postcode, its target's type and organisation);
- report_hour_slices replaces referrals.accept_hours and close_hours (and their indexes): durations are
  reported in whole hours (whole days from 48 hours), as a histogram per slice and day;
- report_journeys also carries theme, channel and postcode, and the previous hulpvraag with the same one.

The triggers' SQL is built here by a copy of the functions of triage/reports/rollups.py at this
revision (not imported), so that this revision keeps meaning what it meant; they recompute the same
rows as rollups.rebuild(), and a test compares both. The downgrade restores 0005's rollups with 0005's
own SQL.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 20:00:00

"""
from alembic import context, op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

ROLLUP = {'sqlite_with_rowid': False}
OLD_TABLES = ['report_request_days', 'report_service_days', 'report_referral_days', 'report_closed_target_days',
              'report_closed_request_days']
OLD_SQLITE_TRIGGERS = [
    'report_help_requests_insert', 'report_help_requests_insert_journeys', 'report_help_requests_update',
    'report_help_requests_update_closed', 'report_help_requests_update_journeys', 'report_help_requests_before_delete',
    'report_help_requests_delete', 'report_help_requests_delete_journeys', 'report_request_services_insert',
    'report_request_services_update', 'report_request_services_delete', 'report_referrals_insert',
    'report_referrals_insert_journeys', 'report_referrals_update', 'report_referrals_hours',
    'report_referrals_update_journeys', 'report_referrals_delete', 'report_referrals_delete_journeys',
]
OLD_PG_TRIGGERS = [
    ('help_requests', 'report_help_requests_write'), ('help_requests', 'report_help_requests_before_delete'),
    ('request_services', 'report_request_services_write'), ('referrals', 'report_referrals_hours'),
    ('referrals', 'report_referrals_write'),
]
OLD_PG_FUNCTIONS = [
    'report_help_requests_change()', 'report_help_requests_before_delete()', 'report_request_services_change()',
    'report_referrals_hours()', 'report_referrals_change()', 'report_request_rollup(help_requests, integer)',
    'report_referral_rollup(referrals, integer)', 'report_closed_of_request(integer, text, text, integer)',
    'report_journeys_of(text)', 'report_day(timestamp)',
]


def _slice_key(*columns):
    return [sa.Column('dimension', sa.String(length=12), nullable=False),
            sa.Column('value', sa.String(length=40), nullable=False),
            *columns]


def _counts(*names):
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def _create_tables():
    op.create_table('report_request_cube',
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=4), nullable=False),
    *_counts('n', 'gaps', 'solved'),
    sa.PrimaryKeyConstraint('grain', 'period', 'kind', 'theme', 'channel', 'postcode',
                            name=op.f('pk_report_request_cube')), **ROLLUP
    )
    op.create_table('report_service_cube',
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=4), nullable=False),
    *_counts('n'),
    sa.PrimaryKeyConstraint('grain', 'period', 'service', 'kind', 'theme', 'channel', 'postcode',
                            name=op.f('pk_report_service_cube')), **ROLLUP
    )
    op.create_table('report_referral_slices',
    *_slice_key(sa.Column('day', sa.Date(), nullable=False),
                sa.Column('status', sa.String(length=20), nullable=False),
                sa.Column('decline_reason', sa.String(length=30), nullable=False)),
    *_counts('n', 'reminders', 'escalations', 'accepted'),
    sa.PrimaryKeyConstraint('dimension', 'value', 'day', 'status', 'decline_reason',
                            name=op.f('pk_report_referral_slices')), **ROLLUP
    )
    op.create_table('report_closed_target_slices',
    *_slice_key(sa.Column('day', sa.Date(), nullable=False),
                sa.Column('target_id', sa.Integer(), autoincrement=False, nullable=False)),
    *_counts('n', 'successes', 'zelfstandig'),
    sa.PrimaryKeyConstraint('dimension', 'value', 'day', 'target_id', name=op.f('pk_report_closed_target_slices')),
    **ROLLUP
    )
    op.create_table('report_closed_request_slices',
    *_slice_key(sa.Column('day', sa.Date(), nullable=False),
                sa.Column('kind', sa.String(length=20), nullable=False),
                sa.Column('theme', sa.String(length=40), nullable=False)),
    *_counts('n', 'successes', 'zelfstandig'),
    sa.PrimaryKeyConstraint('dimension', 'value', 'day', 'kind', 'theme',
                            name=op.f('pk_report_closed_request_slices')), **ROLLUP
    )
    op.create_table('report_hour_slices',
    *_slice_key(sa.Column('metric', sa.String(length=1), nullable=False),
                sa.Column('day', sa.Date(), nullable=False),
                sa.Column('hours', sa.Integer(), autoincrement=False, nullable=False)),
    *_counts('n'),
    sa.PrimaryKeyConstraint('dimension', 'value', 'metric', 'day', 'hours', name=op.f('pk_report_hour_slices')),
    **ROLLUP
    )
    op.create_table('report_journeys',
    sa.Column('request_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('citizen_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=4), nullable=True),
    sa.Column('prev_at', sa.DateTime(), nullable=True),
    sa.Column('prev_theme_at', sa.DateTime(), nullable=True),
    sa.Column('prev_channel_at', sa.DateTime(), nullable=True),
    sa.Column('prev_postcode_at', sa.DateTime(), nullable=True),
    sa.Column('learned_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'],
                            name=op.f('fk_report_journeys_request_id_help_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', name=op.f('pk_report_journeys'))
    )
    with op.batch_alter_table('report_journeys', schema=None) as batch_op:
        batch_op.create_index('ix_report_journeys_citizen_key', ['citizen_key'], unique=False)
        batch_op.create_index('ix_report_journeys_created_at', ['created_at', 'prev_at', 'learned_at'], unique=False)
        batch_op.create_index('ix_report_journeys_theme', ['theme', 'created_at', 'prev_theme_at', 'learned_at'],
                              unique=False)
        batch_op.create_index('ix_report_journeys_channel',
                              ['channel', 'created_at', 'prev_channel_at', 'learned_at'], unique=False)
        batch_op.create_index('ix_report_journeys_postcode',
                              ['postcode', 'created_at', 'prev_postcode_at', 'learned_at'], unique=False)


def upgrade():
    bind = op.get_bind()
    postgres = bind.dialect.name == 'postgresql'
    if postgres:
        for table, name in OLD_PG_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name} ON {table}')
        for function in OLD_PG_FUNCTIONS:
            op.execute(f'DROP FUNCTION IF EXISTS {function} CASCADE')
    else:
        for name in OLD_SQLITE_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
    for table in OLD_TABLES:
        op.drop_table(table)
    with op.batch_alter_table('report_journeys', schema=None) as batch_op:
        batch_op.drop_index('ix_report_journeys_created_at')
        batch_op.drop_index('ix_report_journeys_citizen_key')
    op.drop_table('report_journeys')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_close_hours')
        batch_op.drop_index('ix_referrals_accept_hours')
    if postgres:
        op.drop_column('referrals', 'close_hours')
        op.drop_column('referrals', 'accept_hours')
    else:
        # SQLite (3.35 and later) drops a column in place; a batch would copy the table and its indexes.
        op.execute('ALTER TABLE referrals DROP COLUMN close_hours')
        op.execute('ALTER TABLE referrals DROP COLUMN accept_hours')
    _create_tables()
    for statement in (_postgres_triggers() if postgres else _sqlite_triggers()):
        op.execute(statement)
    for statement in _rebuild_statements(bind.dialect.name):
        op.execute(statement)
    for table in TABLES:  # the planner's statistics for the new tables
        op.execute(f'ANALYZE {table}')


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        for table, name in PG_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name} ON {table}')
        for function in PG_FUNCTIONS:
            op.execute(f'DROP FUNCTION IF EXISTS {function} CASCADE')
    else:
        for name, _ in _sqlite_trigger_list():
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
    for table in ('report_request_cube', 'report_service_cube', 'report_referral_slices',
                  'report_closed_target_slices', 'report_closed_request_slices', 'report_hour_slices'):
        op.drop_table(table)
    with op.batch_alter_table('report_journeys', schema=None) as batch_op:
        for name in ('postcode', 'channel', 'theme', 'citizen_key', 'created_at'):
            batch_op.drop_index(f'ix_report_journeys_{name}')
    op.drop_table('report_journeys')
    # 0005's tables, triggers and rebuild, from 0005 itself.
    previous = context.script.get_revision('0005').module
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accept_hours', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('close_hours', sa.Double(), nullable=True))
        batch_op.create_index('ix_referrals_accept_hours', ['mode', 'accept_hours', 'created_at'], unique=False)
        batch_op.create_index('ix_referrals_close_hours', ['close_hours', 'closed_at'], unique=False)
    op.create_table('report_closed_request_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    *_counts('n', 'successes', 'zelfstandig'),
    sa.PrimaryKeyConstraint('day', 'kind', 'theme', name=op.f('pk_report_closed_request_days'))
    )
    op.create_table('report_closed_target_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('target_id', sa.Integer(), autoincrement=False, nullable=False),
    *_counts('n', 'successes', 'zelfstandig'),
    sa.PrimaryKeyConstraint('day', 'target_id', name=op.f('pk_report_closed_target_days'))
    )
    op.create_table('report_referral_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decline_reason', sa.String(length=30), nullable=False),
    *_counts('n', 'reminders', 'escalations', 'accepted'),
    sa.PrimaryKeyConstraint('day', 'status', 'decline_reason', name=op.f('pk_report_referral_days'))
    )
    op.create_table('report_request_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('dimension', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    *_counts('n'),
    sa.PrimaryKeyConstraint('day', 'dimension', 'value', name=op.f('pk_report_request_days'))
    )
    op.create_table('report_service_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    *_counts('n'),
    sa.PrimaryKeyConstraint('day', 'service', name=op.f('pk_report_service_days'))
    )
    op.create_table('report_journeys',
    sa.Column('request_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('citizen_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('prev_at', sa.DateTime(), nullable=True),
    sa.Column('learned_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['help_requests.id'],
                            name=op.f('fk_report_journeys_request_id_help_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', name=op.f('pk_report_journeys'))
    )
    with op.batch_alter_table('report_journeys', schema=None) as batch_op:
        batch_op.create_index('ix_report_journeys_citizen_key', ['citizen_key'], unique=False)
        batch_op.create_index('ix_report_journeys_created_at', ['created_at', 'prev_at', 'learned_at'], unique=False)
    postgres = bind.dialect.name == 'postgresql'
    for statement in (previous._postgres_triggers() if postgres else previous._sqlite_triggers()):
        op.execute(statement)
    for statement in previous._rebuild(bind.dialect.name):
        op.execute(statement)


# ---- Both: the rows each base row adds (a copy of triage.reports.rollups at this revision) ----

SUCCESS_SQL = "('geholpen', 'zelfstandig')"
DIMENSIONS = ('', 'kind', 'theme', 'channel', 'postcode', 'target_type', 'organisation')
TARGET_DIMENSIONS = ('target_type', 'organisation')
REFERRAL_COLUMNS = ('id', 'request_id', 'target_id', 'mode', 'status', 'decline_reason', 'reminders_sent',
                    'escalated_at', 'accepted_at', 'closed_at', 'outcome', 'created_at')
REQUEST_COLUMNS = ('id', 'created_at', 'kind', 'theme', 'channel', 'postcode', 'gap', 'status')
SERVICE_COLUMNS = ('request_id', 'service', 'created_at')
ENTRY_COLUMNS = ('id', 'entry_type', 'organisation_id')
GRAINS = "(SELECT 'd' AS grain UNION ALL SELECT 'm')"
TABLES = ('report_request_cube', 'report_service_cube', 'report_referral_slices', 'report_closed_target_slices',
          'report_closed_request_slices', 'report_hour_slices', 'report_journeys')


def _day_sql(column, dialect):
    if dialect == 'postgresql':
        return f"CAST(({column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Brussels' AS DATE)"
    year = f"strftime('%Y', {column})"
    return (f"date({column}, CASE WHEN {column} >= date({year} || '-04-01', 'weekday 0', '-7 days') || ' 01:00:00' "
            f"AND {column} < date({year} || '-11-01', 'weekday 0', '-7 days') || ' 01:00:00' "
            f"THEN '+2 hours' ELSE '+1 hours' END)")


def _month_sql(day, dialect):
    if dialect == 'postgresql':
        return f"CAST(date_trunc('month', {day}) AS DATE)"
    return f"date({day}, 'start of month')"


def _hours_sql(start, end, dialect):
    if dialect == 'postgresql':
        seconds = (f"(CAST(EXTRACT(EPOCH FROM date_trunc('second', {end})) AS BIGINT) "
                   f"- CAST(EXTRACT(EPOCH FROM date_trunc('second', {start})) AS BIGINT))")
    else:
        seconds = f"(CAST(strftime('%s', {end}) AS INTEGER) - CAST(strftime('%s', {start}) AS INTEGER))"
    return (f"CASE WHEN ({seconds} + 1800) / 3600 < 48 THEN ({seconds} + 1800) / 3600 "
            f"ELSE 24 * (({seconds} + 43200) / 86400) END")


def _record(name, columns):
    return '(SELECT ' + ', '.join(f'{name}.{c} AS {c}' for c in columns) + ')'


def _dims(dims):
    return '(' + ' UNION ALL '.join(f"SELECT '{d}'" + (' AS dim' if i == 0 else '') for i, d in enumerate(dims)) + ')'


SLICE_SQL = {'kind': "coalesce(h.kind, '')", 'theme': "coalesce(h.theme, '')", 'channel': 'h.channel',
             'postcode': "coalesce(h.postcode, '')", 'target_type': 'e.entry_type',
             'organisation': "CAST(CASE WHEN e.entry_type = 'organisation' THEN e.id ELSE e.organisation_id END AS TEXT)"}
# The value of slice d.dim for referral r of request h to entry e; NULL: r is in no such slice.
SLICE_VALUE = "CASE d.dim WHEN '' THEN ''" + ''.join(f" WHEN '{k}' THEN {v}" for k, v in SLICE_SQL.items()) + ' END'
CLOSED = "r.status = 'closed' AND r.closed_at IS NOT NULL"


def _referral_parts(dialect):
    day = lambda column: _day_sql(column, dialect)  # noqa: E731
    success = f"CASE WHEN r.outcome IN {SUCCESS_SQL} THEN 1 ELSE 0 END"
    alone = "CASE WHEN r.outcome = 'zelfstandig' THEN 1 ELSE 0 END"
    closed = {'n': '1', 'successes': success, 'zelfstandig': alone}
    return {
        'referral': ('report_referral_slices',
                     {'day': day('r.created_at'), 'status': 'r.status',
                      'decline_reason': "coalesce(r.decline_reason, '')"},
                     {'n': '1', 'reminders': 'r.reminders_sent',
                      'escalations': 'CASE WHEN r.escalated_at IS NOT NULL THEN 1 ELSE 0 END',
                      'accepted': "CASE WHEN r.mode = 'assigned' AND r.accepted_at IS NOT NULL THEN 1 ELSE 0 END"},
                     'true'),
        'closed_target': ('report_closed_target_slices', {'day': day('r.closed_at'), 'target_id': 'r.target_id'},
                          closed, CLOSED),
        'closed_request': ('report_closed_request_slices',
                           {'day': day('r.closed_at'), 'kind': "coalesce(h.kind, '')",
                            'theme': "coalesce(h.theme, '')"}, closed, CLOSED),
        'accept_hours': ('report_hour_slices',
                         {'metric': "'a'", 'day': day('r.created_at'),
                          'hours': _hours_sql('r.created_at', 'r.accepted_at', dialect)},
                         {'n': '1'}, "r.mode = 'assigned' AND r.accepted_at IS NOT NULL"),
        'close_hours': ('report_hour_slices',
                        {'metric': "'c'", 'day': day('r.closed_at'),
                         'hours': _hours_sql('r.created_at', 'r.closed_at', dialect)},
                        {'n': '1'}, 'r.closed_at IS NOT NULL'),
    }


def _upsert(table, keys, values):
    return (f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
            + ', '.join(f'{v} = {table}.{v} + excluded.{v}' for v in values))


def _counted(values, sign, grouped):
    """The counted columns: summed over a set of rows, or one record's own (its keys are distinct per slice)."""
    return ', '.join(f'{sign} * sum({v})' if grouped else f'{sign} * ({v})' for v in values)


def _referral_upsert(part, dialect, sign=1, referrals='referrals', requests='help_requests',
                     entries='catalogue_entries', dims=DIMENSIONS, grouped=True):
    table, keys, values, which = _referral_parts(dialect)[part]
    selected = ['d.dim', SLICE_VALUE, *keys.values()]
    group = f" GROUP BY {', '.join(str(i) for i in range(1, len(selected) + 1))}" if grouped else ''
    return (f"INSERT INTO {table} (dimension, value, {', '.join([*keys, *values])}) "
            f"SELECT {', '.join(selected)}, {_counted(values.values(), sign, grouped)} "
            f"FROM {referrals} AS r JOIN {requests} AS h ON h.id = r.request_id "
            f"JOIN {entries} AS e ON e.id = r.target_id CROSS JOIN {_dims(dims)} AS d "
            f"WHERE {which} AND {SLICE_VALUE} IS NOT NULL{group}"
            + _upsert(table, ['dimension', 'value', *keys], list(values)))


def _request_upsert(dialect, sign=1, requests='help_requests', grouped=False):
    day = _day_sql('h.created_at', dialect)
    counted = _counted(['1', 'CASE WHEN h.gap THEN 1 ELSE 0 END', "CASE WHEN h.status = 'solved' THEN 1 ELSE 0 END"],
                       sign, grouped)
    return (f"INSERT INTO report_request_cube (grain, period, kind, theme, channel, postcode, n, gaps, solved) "
            f"SELECT g.grain, CASE g.grain WHEN 'd' THEN {day} ELSE {_month_sql(day, dialect)} END, "
            f"coalesce(h.kind, ''), coalesce(h.theme, ''), h.channel, coalesce(h.postcode, ''), {counted} "
            f"FROM {requests} AS h CROSS JOIN {GRAINS} AS g WHERE true" + (' GROUP BY 1, 2, 3, 4, 5, 6' if grouped else '')
            + _upsert('report_request_cube', ['grain', 'period', 'kind', 'theme', 'channel', 'postcode'],
                      ['n', 'gaps', 'solved']))


def _service_upsert(dialect, sign=1, services='request_services', requests='help_requests', grouped=True):
    day = _day_sql('s.created_at', dialect)
    return (f"INSERT INTO report_service_cube (grain, period, service, kind, theme, channel, postcode, n) "
            f"SELECT g.grain, CASE g.grain WHEN 'd' THEN {day} ELSE {_month_sql(day, dialect)} END, s.service, "
            f"coalesce(h.kind, ''), coalesce(h.theme, ''), h.channel, coalesce(h.postcode, ''), "
            f"{_counted(['1'], sign, grouped)} "
            f"FROM {services} AS s JOIN {requests} AS h ON h.id = s.request_id CROSS JOIN {GRAINS} AS g "
            f"WHERE true" + (' GROUP BY 1, 2, 3, 4, 5, 6, 7' if grouped else '')
            + _upsert('report_service_cube', ['grain', 'period', 'service', 'kind', 'theme', 'channel', 'postcode'],
                      ['n']))


def _window_before(column=''):
    window = (f"max(h.created_at) OVER (PARTITION BY h.citizen_key{f', h.{column}' if column else ''} "
              'ORDER BY h.created_at, h.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)')
    return f'CASE WHEN h.{column} IS NOT NULL THEN {window} END' if column else window


JOURNEY_COLUMNS = ('request_id, citizen_key, created_at, theme, channel, postcode, prev_at, prev_theme_at, '
                   'prev_channel_at, prev_postcode_at, learned_at')


def _before(same=''):
    """The citizen's latest hulpvraag before h (with the same value of a column, when given)."""
    extra = f' AND p.{same} = h.{same}' if same else ''
    return ("(SELECT max(p.created_at) FROM help_requests p WHERE p.citizen_key = h.citizen_key "
            f"AND p.kind = 'hulpvraag'{extra} "
            "AND (p.created_at < h.created_at OR (p.created_at = h.created_at AND p.id < h.id)))")


def _journeys(key):
    """Recompute the journey rows of one citizen (key: an SQL expression; NULL does nothing). Correlated
    subqueries over the citizen's few requests: cheaper in a trigger than window functions."""
    return [f'DELETE FROM report_journeys WHERE citizen_key = {key}', f"""
    INSERT INTO report_journeys ({JOURNEY_COLUMNS})
    SELECT h.id, h.citizen_key, h.created_at, h.theme, h.channel, h.postcode, {_before()}, {_before('theme')},
        {_before('channel')}, {_before('postcode')},
        (SELECT min(x.at) FROM (
            SELECT l.created_at AS at FROM help_requests l
            WHERE l.citizen_key = h.citizen_key AND l.kind = 'leervraag' AND l.created_at > h.created_at
            UNION ALL SELECT c.created_at FROM referrals c JOIN help_requests q ON q.id = c.request_id
            WHERE q.citizen_key = h.citizen_key AND c.mode = 'enrolled' AND c.created_at >= h.created_at) AS x)
    FROM help_requests h WHERE h.citizen_key = {key} AND h.kind = 'hulpvraag'"""]


def _changed(columns, old='OLD', new='NEW', dialect='sqlite'):
    if dialect == 'postgresql':
        return (f"({', '.join(f'{old}.{c}' for c in columns)}) IS DISTINCT FROM "
                f"({', '.join(f'{new}.{c}' for c in columns)})")
    return '(' + ' OR '.join(f'{old}.{c} IS NOT {new}.{c}' for c in columns) + ')'


# What fires which rollup: (referral parts, the referral columns they read).
REFERRAL_GROUPS = {
    'update': (('referral',), ('created_at', 'status', 'decline_reason', 'reminders_sent', 'escalated_at', 'mode',
                              'accepted_at', 'request_id', 'target_id')),
    'update_closed': (('closed_target', 'closed_request'), ('status', 'closed_at', 'outcome', 'request_id',
                                                            'target_id')),
    'update_hours': (('accept_hours', 'close_hours'), ('created_at', 'accepted_at', 'closed_at', 'mode', 'request_id',
                                                       'target_id')),
}
REQUEST_CUBE_COLUMNS = ('created_at', 'kind', 'theme', 'channel', 'postcode', 'gap')
LABELS = ('kind', 'theme', 'channel', 'postcode')
JOURNEY_INPUTS = ('kind', 'citizen_key', 'created_at', 'theme', 'channel', 'postcode')


def _statements(dialect, sign, *, referrals='referrals', requests='help_requests', entries='catalogue_entries',
                parts=None, dims=DIMENSIONS):
    """The referral parts (default: all) for the referral record, or every referral of the request or entry record."""
    return [_referral_upsert(part, dialect, sign, referrals=referrals, requests=requests, entries=entries, dims=dims,
                             grouped=referrals == 'referrals')
            for part in (parts or _referral_parts(dialect))]


def _move(dialect, sign, record):
    """A request's referrals and service links in or out of the rollups, counted with the labels of record."""
    requests = _record(record, REQUEST_COLUMNS)
    return [*_statements(dialect, sign, requests=requests),
            _service_upsert(dialect, sign, requests=requests, grouped=True)]


# ---- SQLite: one trigger per table, event and rollup ----
# (a bulk load drops them and creates them again from sqlite_master: see reports.rollups.bulk_load)

def _sqlite_trigger_list():
    d = 'sqlite'
    referral = {name: _record(name, REFERRAL_COLUMNS) for name in ('OLD', 'NEW')}
    service = {name: _record(name, SERVICE_COLUMNS) for name in ('OLD', 'NEW')}
    request = {name: _record(name, REQUEST_COLUMNS) for name in ('OLD', 'NEW')}
    entry = {name: _record(name, ENTRY_COLUMNS) for name in ('OLD', 'NEW')}
    parent_key = '(SELECT citizen_key FROM help_requests WHERE id = {r}.request_id)'
    solved = "(OLD.status = 'solved') IS NOT (NEW.status = 'solved')"
    triggers = [
        ('report_help_requests_insert', 'AFTER INSERT ON help_requests', [_request_upsert(d, 1, request['NEW'])]),
        ('report_help_requests_insert_journeys', 'AFTER INSERT ON help_requests WHEN NEW.citizen_key IS NOT NULL',
         _journeys('NEW.citizen_key')),
        ('report_help_requests_update',
         f"AFTER UPDATE OF {', '.join(REQUEST_CUBE_COLUMNS)}, status ON help_requests "
         f"WHEN {_changed(REQUEST_CUBE_COLUMNS)} OR {solved}",
         [_request_upsert(d, -1, request['OLD']), _request_upsert(d, 1, request['NEW'])]),
        ('report_help_requests_update_labels',
         f"AFTER UPDATE OF {', '.join(LABELS)} ON help_requests WHEN {_changed(LABELS)}",
         [*_move(d, -1, 'OLD'), *_move(d, 1, 'NEW')]),
        ('report_help_requests_update_journeys',
         f"AFTER UPDATE OF {', '.join(JOURNEY_INPUTS)} ON help_requests "
         f"WHEN (OLD.citizen_key IS NOT NULL OR NEW.citizen_key IS NOT NULL) AND {_changed(JOURNEY_INPUTS)}",
         [*_journeys('OLD.citizen_key'), *_journeys('NEW.citizen_key')]),
        # Before the row goes: its referrals and service links are still there to be taken out with its
        # labels (their own delete triggers, run by the cascade, no longer find the request and do nothing).
        ('report_help_requests_before_delete', 'BEFORE DELETE ON help_requests', _move(d, -1, 'OLD')),
        ('report_help_requests_delete', 'AFTER DELETE ON help_requests', [_request_upsert(d, -1, request['OLD'])]),
        ('report_help_requests_delete_journeys', 'AFTER DELETE ON help_requests WHEN OLD.citizen_key IS NOT NULL',
         _journeys('OLD.citizen_key')),
        ('report_request_services_insert', 'AFTER INSERT ON request_services',
         [_service_upsert(d, 1, service['NEW'], grouped=False)]),
        ('report_request_services_update',
         f"AFTER UPDATE OF {', '.join(SERVICE_COLUMNS)} ON request_services WHEN {_changed(SERVICE_COLUMNS)}",
         [_service_upsert(d, -1, service['OLD'], grouped=False), _service_upsert(d, 1, service['NEW'], grouped=False)]),
        ('report_request_services_delete', 'AFTER DELETE ON request_services',
         [_service_upsert(d, -1, service['OLD'], grouped=False)]),
        ('report_referrals_insert', 'AFTER INSERT ON referrals', _statements(d, 1, referrals=referral['NEW'])),
        ('report_referrals_insert_journeys', "AFTER INSERT ON referrals WHEN NEW.mode = 'enrolled'",
         _journeys(parent_key.format(r='NEW'))),
    ]
    for suffix, (parts, columns) in REFERRAL_GROUPS.items():
        triggers.append((f'report_referrals_{suffix}',
                         f"AFTER UPDATE OF {', '.join(columns)} ON referrals WHEN {_changed(columns)}",
                         [*_statements(d, -1, referrals=referral['OLD'], parts=parts),
                          *_statements(d, 1, referrals=referral['NEW'], parts=parts)]))
    triggers += [
        ('report_referrals_update_journeys',
         "AFTER UPDATE OF mode, request_id, created_at ON referrals WHEN (OLD.mode = 'enrolled' OR NEW.mode = 'enrolled')",
         [*_journeys(parent_key.format(r='OLD')), *_journeys(parent_key.format(r='NEW'))]),
        ('report_referrals_delete', 'AFTER DELETE ON referrals', _statements(d, -1, referrals=referral['OLD'])),
        ('report_referrals_delete_journeys', "AFTER DELETE ON referrals WHEN OLD.mode = 'enrolled'",
         _journeys(parent_key.format(r='OLD'))),
        # Rare: an entry moves to another organisation; its referrals move with it.
        ('report_catalogue_entries_update',
         f"AFTER UPDATE OF entry_type, organisation_id ON catalogue_entries "
         f"WHEN {_changed(('entry_type', 'organisation_id'))}",
         [*_statements(d, -1, entries=entry['OLD'], dims=TARGET_DIMENSIONS),
          *_statements(d, 1, entries=entry['NEW'], dims=TARGET_DIMENSIONS)]),
    ]
    return [(name, f"CREATE TRIGGER {name} {when} BEGIN " + '; '.join(body) + '; END')
            for name, when, body in triggers]


def _sqlite_triggers():
    return [sql for _, sql in _sqlite_trigger_list()]


# ---- PostgreSQL: the same statements in plpgsql; a bulk load sets triage.bulk_load for its transaction ----

PG_TRIGGERS = [
    ('help_requests', 'report_help_requests_write'), ('help_requests', 'report_help_requests_before_delete'),
    ('request_services', 'report_request_services_write'), ('referrals', 'report_referrals_write'),
    ('catalogue_entries', 'report_catalogue_entries_write'),
]
PG_FUNCTIONS = [
    'report_help_requests_change()', 'report_help_requests_before_delete()', 'report_request_services_change()',
    'report_referrals_change()', 'report_catalogue_entries_change()', 'report_journeys_of(text)',
]
PG_NOT_BULK = "WHEN (current_setting('triage.bulk_load', true) IS DISTINCT FROM 'on')"


def _block(statements, indent='            '):
    return ''.join(f'\n{indent}{statement};' for statement in statements)


def _postgres_triggers():
    d = 'postgresql'
    referral = {name: _record(name, REFERRAL_COLUMNS) for name in ('OLD', 'NEW')}
    service = {name: _record(name, SERVICE_COLUMNS) for name in ('OLD', 'NEW')}
    request = {name: _record(name, REQUEST_COLUMNS) for name in ('OLD', 'NEW')}
    entry = {name: _record(name, ENTRY_COLUMNS) for name in ('OLD', 'NEW')}
    cube_changed = (f"{_changed(REQUEST_CUBE_COLUMNS, dialect=d)} "
                    "OR (OLD.status = 'solved') IS DISTINCT FROM (NEW.status = 'solved')")
    updates = ''.join(
        f"""
            IF {_changed(columns, dialect=d)} THEN{_block([
                *_statements(d, -1, referrals=referral['OLD'], parts=parts),
                *_statements(d, 1, referrals=referral['NEW'], parts=parts)], '                ')}
            END IF;""" for parts, columns in REFERRAL_GROUPS.values())
    return [
        f"""CREATE FUNCTION report_journeys_of(key text) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF key IS NULL THEN RETURN; END IF;{_block(_journeys('key'))}
        END $$""",
        f"""CREATE FUNCTION report_help_requests_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN{_block([_request_upsert(d, 1, request['NEW'])], '                ')}
                PERFORM report_journeys_of(NEW.citizen_key);
            ELSIF TG_OP = 'DELETE' THEN{_block([_request_upsert(d, -1, request['OLD'])], '                ')}
                PERFORM report_journeys_of(OLD.citizen_key);
            ELSE
                IF {cube_changed} THEN{_block([_request_upsert(d, -1, request['OLD']),
                                                _request_upsert(d, 1, request['NEW'])], '                    ')}
                END IF;
                IF {_changed(LABELS, dialect=d)} THEN{_block([*_move(d, -1, 'OLD'), *_move(d, 1, 'NEW')],
                                                             '                    ')}
                END IF;
                IF {_changed(JOURNEY_INPUTS, dialect=d)} THEN
                    PERFORM report_journeys_of(OLD.citizen_key);
                    IF NEW.citizen_key IS DISTINCT FROM OLD.citizen_key THEN
                        PERFORM report_journeys_of(NEW.citizen_key);
                    END IF;
                END IF;
            END IF;
            RETURN NULL;
        END $$""",
        # Before the row goes: its referrals and service links are still there to be taken out with its
        # labels (their own delete triggers, run by the cascade, no longer find the request and do nothing).
        f"""CREATE FUNCTION report_help_requests_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN{_block(_move(d, -1, 'OLD'))}
            RETURN OLD;
        END $$""",
        f"""CREATE FUNCTION report_request_services_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN{_block([_service_upsert(d, -1, service['OLD'], grouped=False)], '                ')}
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN{_block([_service_upsert(d, 1, service['NEW'], grouped=False)], '                ')}
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE FUNCTION report_referrals_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE key_old text; key_new text;
        BEGIN
            IF TG_OP = 'INSERT' THEN{_block(_statements(d, 1, referrals=referral['NEW']), '                ')}
            ELSIF TG_OP = 'DELETE' THEN{_block(_statements(d, -1, referrals=referral['OLD']), '                ')}
            ELSE{updates}
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.mode = 'enrolled' AND (TG_OP = 'DELETE'
                    OR (OLD.mode, OLD.request_id, OLD.created_at) IS DISTINCT FROM (NEW.mode, NEW.request_id, NEW.created_at)) THEN
                SELECT citizen_key INTO key_old FROM help_requests WHERE id = OLD.request_id;
                PERFORM report_journeys_of(key_old);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.mode = 'enrolled' AND (TG_OP = 'INSERT'
                    OR (OLD.mode, OLD.request_id, OLD.created_at) IS DISTINCT FROM (NEW.mode, NEW.request_id, NEW.created_at)) THEN
                SELECT citizen_key INTO key_new FROM help_requests WHERE id = NEW.request_id;
                IF key_new IS DISTINCT FROM key_old OR TG_OP = 'INSERT' THEN
                    PERFORM report_journeys_of(key_new);
                END IF;
            END IF;
            RETURN NULL;
        END $$""",
        # Rare: an entry moves to another organisation; its referrals move with it.
        f"""CREATE FUNCTION report_catalogue_entries_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF {_changed(('entry_type', 'organisation_id'), dialect=d)} THEN{_block([
                *_statements(d, -1, entries=entry['OLD'], dims=TARGET_DIMENSIONS),
                *_statements(d, 1, entries=entry['NEW'], dims=TARGET_DIMENSIONS)], '                ')}
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER report_help_requests_write
        AFTER INSERT OR DELETE OR UPDATE OF created_at, kind, theme, channel, postcode, gap, status, citizen_key
        ON help_requests FOR EACH ROW {PG_NOT_BULK} EXECUTE FUNCTION report_help_requests_change()""",
        f"""CREATE TRIGGER report_help_requests_before_delete BEFORE DELETE ON help_requests
        FOR EACH ROW {PG_NOT_BULK} EXECUTE FUNCTION report_help_requests_before_delete()""",
        f"""CREATE TRIGGER report_request_services_write AFTER INSERT OR DELETE OR UPDATE OF request_id, service, created_at
        ON request_services FOR EACH ROW {PG_NOT_BULK} EXECUTE FUNCTION report_request_services_change()""",
        f"""CREATE TRIGGER report_referrals_write AFTER INSERT OR DELETE OR UPDATE OF created_at, status, decline_reason,
            reminders_sent, escalated_at, closed_at, outcome, target_id, request_id, mode, accepted_at
        ON referrals FOR EACH ROW {PG_NOT_BULK} EXECUTE FUNCTION report_referrals_change()""",
        f"""CREATE TRIGGER report_catalogue_entries_write AFTER UPDATE OF entry_type, organisation_id
        ON catalogue_entries FOR EACH ROW {PG_NOT_BULK} EXECUTE FUNCTION report_catalogue_entries_change()""",
    ]


# ---- Both: the rollups of the rows already there (a copy of triage.reports.rollups at this revision) ----

STAGE = 'report_rebuild_referrals'


def _referral_rebuild(dialect):
    parts = _referral_parts(dialect)
    columns = {f'dim_{name}': sql for name, sql in SLICE_SQL.items()}
    for name, (_, keys, values, which) in parts.items():
        columns[f'{name}_in'] = f'CASE WHEN {which} THEN 1 ELSE 0 END'
        columns.update({f'{name}_{k}': sql for k, sql in keys.items()})
        columns.update({f'{name}_v_{v}': sql for v, sql in values.items() if sql != '1'})
    statements = [f'DROP TABLE IF EXISTS {STAGE}',
                  f'CREATE TEMPORARY TABLE {STAGE} AS SELECT '
                  + ', '.join(f'{sql} AS {name}' for name, sql in columns.items())
                  + ' FROM referrals r JOIN help_requests h ON h.id = r.request_id '
                    'JOIN catalogue_entries e ON e.id = r.target_id']
    for name, (table, keys, values, _) in parts.items():
        for dim in DIMENSIONS:
            value = f'dim_{dim}' if dim else "''"
            grouped = [value] if dim else []
            keyed = [f'{name}_{k}' for k in keys]
            sums = ['count(*)' if sql == '1' else f'sum({name}_v_{v})' for v, sql in values.items()]
            statements.append(
                f"INSERT INTO {table} (dimension, value, {', '.join([*keys, *values])}) "
                f"SELECT '{dim}', {value}, {', '.join(keyed)}, {', '.join(sums)} FROM {STAGE} "
                f"WHERE {name}_in = 1 AND {value} IS NOT NULL GROUP BY {', '.join([*grouped, *keyed])}")
    statements.append(f'DROP TABLE {STAGE}')
    return statements


def _rebuild_statements(dialect):
    day = lambda column: _day_sql(column, dialect)  # noqa: E731
    statements = [f'DELETE FROM {table}' for table in TABLES]
    statements.append(f"""
        INSERT INTO report_request_cube (grain, period, kind, theme, channel, postcode, n, gaps, solved)
        SELECT 'd', {day('created_at')}, coalesce(kind, ''), coalesce(theme, ''), channel, coalesce(postcode, ''),
               count(*), sum(CASE WHEN gap THEN 1 ELSE 0 END), sum(CASE WHEN status = 'solved' THEN 1 ELSE 0 END)
        FROM help_requests GROUP BY 2, 3, 4, 5, 6""")
    statements.append(f"""
        INSERT INTO report_service_cube (grain, period, service, kind, theme, channel, postcode, n)
        SELECT 'd', {day('s.created_at')}, s.service, coalesce(h.kind, ''), coalesce(h.theme, ''), h.channel,
               coalesce(h.postcode, ''), count(*)
        FROM request_services s JOIN help_requests h ON h.id = s.request_id GROUP BY 2, 3, 4, 5, 6, 7""")
    for table, keys in (('report_request_cube', 'kind, theme, channel, postcode'),
                        ('report_service_cube', 'service, kind, theme, channel, postcode')):
        counted = 'sum(n), sum(gaps), sum(solved)' if table == 'report_request_cube' else 'sum(n)'
        columns = 'n, gaps, solved' if table == 'report_request_cube' else 'n'
        statements.append(f"""
            INSERT INTO {table} (grain, period, {keys}, {columns})
            SELECT 'm', {_month_sql('period', dialect)}, {keys}, {counted} FROM {table} WHERE grain = 'd'
            GROUP BY {_month_sql('period', dialect)}, {keys}""")
    statements += _referral_rebuild(dialect)
    statements.append(f"""
        INSERT INTO report_journeys ({JOURNEY_COLUMNS})
        WITH events AS (
            SELECT citizen_key, created_at AS at, 1 AS ord, id AS rid FROM help_requests
            WHERE citizen_key IS NOT NULL AND kind = 'hulpvraag'
            UNION ALL SELECT citizen_key, created_at, 0, id FROM help_requests
            WHERE citizen_key IS NOT NULL AND kind = 'leervraag'
            UNION ALL SELECT h.citizen_key, r.created_at, 2, r.id FROM referrals r
            JOIN help_requests h ON h.id = r.request_id WHERE h.citizen_key IS NOT NULL AND r.mode = 'enrolled'),
        learning AS (
            SELECT ord, rid, min(CASE WHEN ord <> 1 THEN at END) OVER (PARTITION BY citizen_key ORDER BY at, ord, rid
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS learned_at
            FROM events)
        SELECT h.id, h.citizen_key, h.created_at, h.theme, h.channel, h.postcode, {_window_before()},
               {_window_before('theme')}, {_window_before('channel')}, {_window_before('postcode')},
               l.learned_at
        FROM learning l JOIN help_requests h ON h.id = l.rid WHERE l.ord = 1""")
    return statements

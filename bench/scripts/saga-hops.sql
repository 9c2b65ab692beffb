-- Where an order's time goes, hop by hop, from the event store's time stamps (each event's creation
-- time on the node that applied it). Run against the benchmark database after a run with
-- BENCH_KEEP_RUNNING=1, naming the measured window (UTC, e.g. from the run's JSON startedAt + warm-up):
--
--   PGPASSWORD=orderflow psql -h 127.0.0.1 -p 15432 -U orderflow orderflow \
--     -v from="2026-11-27T04:32:10Z" -v to="2026-11-27T04:33:10Z" -f bench/scripts/saga-hops.sql
--
-- Hops: placed -> last line reserved -> payment outcome -> shipment scheduled -> last line committed
-- -> order ended. Each hop is one pass through the saga processor plus the command that answers it.
-- The first query gives p50/p99 per hop over the window; the second the seconds of the window whose
-- slowest order took longer than 700 ms, with each hop's maximum (where a burst came from).
create temp table hop_events as
select (time_stamp::timestamptz) ts, regexp_replace(payload_type, '.*\.', '') t,
       convert_from(payload, 'UTF8')::json -> 'orderId' ->> 'value' oid
from domain_event_entry
where payload_type <> 'io.orderflow.api.inventory.ProductRegisteredEvent';

create temp table hop_orders as
select oid,
       min(ts) filter (where t = 'OrderPlacedEvent') placed,
       max(ts) filter (where t = 'StockReservedEvent') reserved,
       min(ts) filter (where t in ('PaymentAuthorizedEvent', 'PaymentDeclinedEvent', 'PaymentFailedEvent')) paid,
       min(ts) filter (where t = 'ShipmentScheduledEvent') shipped,
       max(ts) filter (where t = 'StockCommittedEvent') committed,
       min(ts) filter (where t in ('OrderCompletedEvent', 'OrderCancelledEvent', 'OrderRejectedEvent')) ended
from hop_events group by oid;

select count(*) orders,
       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from reserved - placed) * 1000) reserve_ms,
       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from paid - reserved) * 1000) pay_ms,
       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from shipped - paid) * 1000) ship_ms,
       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from committed - shipped) * 1000) commit_ms,
       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from ended - greatest(committed, paid)) * 1000) end_ms,
       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from ended - placed) * 1000) total_ms
from hop_orders
where ended is not null and placed >= :'from'::timestamptz and placed < :'to'::timestamptz;

select to_char(date_trunc('second', placed), 'HH24:MI:SS') second, count(*) orders,
       round(max(extract(epoch from ended - placed) * 1000)) max_total_ms,
       round(max(extract(epoch from reserved - placed) * 1000)) max_reserve_ms,
       round(max(extract(epoch from paid - reserved) * 1000)) max_pay_ms,
       round(max(extract(epoch from shipped - paid) * 1000)) max_ship_ms,
       round(max(extract(epoch from committed - shipped) * 1000)) max_commit_ms,
       round(max(extract(epoch from ended - greatest(committed, paid)) * 1000)) max_end_ms
from hop_orders
where placed >= :'from'::timestamptz and placed < :'to'::timestamptz
group by 1
having max(extract(epoch from ended - placed) * 1000) > 700
order by 1;

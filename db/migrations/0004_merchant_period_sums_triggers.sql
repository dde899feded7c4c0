-- The sums are read 400k rows at a time in primary-key order and updated by key on every synced
-- metric row: WITHOUT ROWID keeps them in one B-tree instead of a table plus its key index
-- (drizzle's schema cannot say it; the columns stay exactly those of migration 0003).
DROP TABLE `merchant_period_sums`;
--> statement-breakpoint
CREATE TABLE `merchant_period_sums` (
	`period_days` integer NOT NULL,
	`merchant_id` text NOT NULL,
	`win` integer NOT NULL,
	`days` integer NOT NULL,
	`gmv_fen` integer NOT NULL,
	`orders` integer NOT NULL,
	`buyers` integer NOT NULL,
	`repeat_buyers` integer NOT NULL,
	`refund_orders` integer NOT NULL,
	`rating_micro_times_orders` integer NOT NULL,
	`rated_orders` integer NOT NULL,
	`sku_count` integer NOT NULL,
	`active_sku_count` integer NOT NULL,
	`dispute_count` integer NOT NULL,
	PRIMARY KEY(`period_days`, `merchant_id`, `win`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Keeps merchant_period_sums up to date in the transaction that writes merchant_metrics (issue 11):
-- each row's values are added to the window of every kept period it falls in (see
-- electron/core/merchants/period-sums.ts for the windows), taken away when the row is deleted, and
-- both when it is restated. A period is kept while it has a row in merchant_period_windows; with
-- none, the triggers cost one lookup per row.
CREATE TRIGGER merchant_metrics_sums_after_insert AFTER INSERT ON merchant_metrics
WHEN EXISTS (SELECT 1 FROM merchant_period_windows)
BEGIN
	INSERT INTO merchant_period_sums (period_days, merchant_id, win, days, gmv_fen, orders, buyers, repeat_buyers, refund_orders, rating_micro_times_orders, rated_orders, sku_count, active_sku_count, dispute_count)
	SELECT w.period_days, NEW.merchant_id, (w.as_of_day - d.day) / w.period_days, 1,
		(NEW.gmv_fen),
		(NEW.orders),
		(NEW.buyers),
		(NEW.repeat_buyers),
		(NEW.refund_orders),
		(CASE WHEN NEW.rating_avg IS NOT NULL THEN CAST(round(NEW.rating_avg * 1000000) AS INTEGER) * NEW.orders ELSE 0 END),
		(CASE WHEN NEW.rating_avg IS NOT NULL THEN NEW.orders ELSE 0 END),
		(NEW.sku_count),
		(NEW.active_sku_count),
		(NEW.dispute_count)
	FROM merchant_period_windows w, (SELECT CAST(julianday(NEW.date) AS INTEGER) AS day) d
	WHERE d.day <= w.as_of_day AND d.day > w.as_of_day - 3 * w.period_days
	ON CONFLICT (period_days, merchant_id, win) DO UPDATE SET days = days + excluded.days, gmv_fen = gmv_fen + excluded.gmv_fen, orders = orders + excluded.orders, buyers = buyers + excluded.buyers, repeat_buyers = repeat_buyers + excluded.repeat_buyers, refund_orders = refund_orders + excluded.refund_orders, rating_micro_times_orders = rating_micro_times_orders + excluded.rating_micro_times_orders, rated_orders = rated_orders + excluded.rated_orders, sku_count = sku_count + excluded.sku_count, active_sku_count = active_sku_count + excluded.active_sku_count, dispute_count = dispute_count + excluded.dispute_count;
END;
--> statement-breakpoint
CREATE TRIGGER merchant_metrics_sums_after_delete AFTER DELETE ON merchant_metrics
WHEN EXISTS (SELECT 1 FROM merchant_period_windows)
BEGIN
	INSERT INTO merchant_period_sums (period_days, merchant_id, win, days, gmv_fen, orders, buyers, repeat_buyers, refund_orders, rating_micro_times_orders, rated_orders, sku_count, active_sku_count, dispute_count)
	SELECT w.period_days, OLD.merchant_id, (w.as_of_day - d.day) / w.period_days, -1,
		-(OLD.gmv_fen),
		-(OLD.orders),
		-(OLD.buyers),
		-(OLD.repeat_buyers),
		-(OLD.refund_orders),
		-(CASE WHEN OLD.rating_avg IS NOT NULL THEN CAST(round(OLD.rating_avg * 1000000) AS INTEGER) * OLD.orders ELSE 0 END),
		-(CASE WHEN OLD.rating_avg IS NOT NULL THEN OLD.orders ELSE 0 END),
		-(OLD.sku_count),
		-(OLD.active_sku_count),
		-(OLD.dispute_count)
	FROM merchant_period_windows w, (SELECT CAST(julianday(OLD.date) AS INTEGER) AS day) d
	WHERE d.day <= w.as_of_day AND d.day > w.as_of_day - 3 * w.period_days
	ON CONFLICT (period_days, merchant_id, win) DO UPDATE SET days = days + excluded.days, gmv_fen = gmv_fen + excluded.gmv_fen, orders = orders + excluded.orders, buyers = buyers + excluded.buyers, repeat_buyers = repeat_buyers + excluded.repeat_buyers, refund_orders = refund_orders + excluded.refund_orders, rating_micro_times_orders = rating_micro_times_orders + excluded.rating_micro_times_orders, rated_orders = rated_orders + excluded.rated_orders, sku_count = sku_count + excluded.sku_count, active_sku_count = active_sku_count + excluded.active_sku_count, dispute_count = dispute_count + excluded.dispute_count;
END;
--> statement-breakpoint
CREATE TRIGGER merchant_metrics_sums_after_update AFTER UPDATE ON merchant_metrics
WHEN EXISTS (SELECT 1 FROM merchant_period_windows)
BEGIN
	INSERT INTO merchant_period_sums (period_days, merchant_id, win, days, gmv_fen, orders, buyers, repeat_buyers, refund_orders, rating_micro_times_orders, rated_orders, sku_count, active_sku_count, dispute_count)
	SELECT w.period_days, OLD.merchant_id, (w.as_of_day - d.day) / w.period_days, -1,
		-(OLD.gmv_fen),
		-(OLD.orders),
		-(OLD.buyers),
		-(OLD.repeat_buyers),
		-(OLD.refund_orders),
		-(CASE WHEN OLD.rating_avg IS NOT NULL THEN CAST(round(OLD.rating_avg * 1000000) AS INTEGER) * OLD.orders ELSE 0 END),
		-(CASE WHEN OLD.rating_avg IS NOT NULL THEN OLD.orders ELSE 0 END),
		-(OLD.sku_count),
		-(OLD.active_sku_count),
		-(OLD.dispute_count)
	FROM merchant_period_windows w, (SELECT CAST(julianday(OLD.date) AS INTEGER) AS day) d
	WHERE d.day <= w.as_of_day AND d.day > w.as_of_day - 3 * w.period_days
	ON CONFLICT (period_days, merchant_id, win) DO UPDATE SET days = days + excluded.days, gmv_fen = gmv_fen + excluded.gmv_fen, orders = orders + excluded.orders, buyers = buyers + excluded.buyers, repeat_buyers = repeat_buyers + excluded.repeat_buyers, refund_orders = refund_orders + excluded.refund_orders, rating_micro_times_orders = rating_micro_times_orders + excluded.rating_micro_times_orders, rated_orders = rated_orders + excluded.rated_orders, sku_count = sku_count + excluded.sku_count, active_sku_count = active_sku_count + excluded.active_sku_count, dispute_count = dispute_count + excluded.dispute_count;
	INSERT INTO merchant_period_sums (period_days, merchant_id, win, days, gmv_fen, orders, buyers, repeat_buyers, refund_orders, rating_micro_times_orders, rated_orders, sku_count, active_sku_count, dispute_count)
	SELECT w.period_days, NEW.merchant_id, (w.as_of_day - d.day) / w.period_days, 1,
		(NEW.gmv_fen),
		(NEW.orders),
		(NEW.buyers),
		(NEW.repeat_buyers),
		(NEW.refund_orders),
		(CASE WHEN NEW.rating_avg IS NOT NULL THEN CAST(round(NEW.rating_avg * 1000000) AS INTEGER) * NEW.orders ELSE 0 END),
		(CASE WHEN NEW.rating_avg IS NOT NULL THEN NEW.orders ELSE 0 END),
		(NEW.sku_count),
		(NEW.active_sku_count),
		(NEW.dispute_count)
	FROM merchant_period_windows w, (SELECT CAST(julianday(NEW.date) AS INTEGER) AS day) d
	WHERE d.day <= w.as_of_day AND d.day > w.as_of_day - 3 * w.period_days
	ON CONFLICT (period_days, merchant_id, win) DO UPDATE SET days = days + excluded.days, gmv_fen = gmv_fen + excluded.gmv_fen, orders = orders + excluded.orders, buyers = buyers + excluded.buyers, repeat_buyers = repeat_buyers + excluded.repeat_buyers, refund_orders = refund_orders + excluded.refund_orders, rating_micro_times_orders = rating_micro_times_orders + excluded.rating_micro_times_orders, rated_orders = rated_orders + excluded.rated_orders, sku_count = sku_count + excluded.sku_count, active_sku_count = active_sku_count + excluded.active_sku_count, dispute_count = dispute_count + excluded.dispute_count;
END;

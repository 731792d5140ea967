-- responses: answers to nps
SELECT
  `t1`.`month`,
  `t1`.`season`,
  `t1`.`journey`,
  `t1`.`step`,
  `t1`.`stage`,
  `t1`.`channel`,
  `t1`.`segment`,
  `t1`.`persona`,
  `t1`.`value`,
  `t1`.`unreadable`,
  `t1`.`timestamp`,
  COUNT(*) AS `n`
FROM (
  SELECT
    `t0`.`csat`,
    `t0`.`feeling`,
    `t0`.`nps`,
    `t0`.`response_id`,
    `t0`.`segment`,
    `t0`.`step`,
    `t0`.`submitted_at`,
    (
      EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) * 100
    ) + EXTRACT(MONTH FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    TRY_CAST(`t0`.`nps` AS DOUBLE) AS `value`,
    (
      NOT `t0`.`nps` IS NULL
    ) AND (
      TRY_CAST(`t0`.`nps` AS DOUBLE) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
      )
      OR (
        EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) < 1900
      )
      THEN 'bad'
      WHEN TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS `timestamp`
  FROM `responses` AS `t0`
) AS `t1`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11;

-- responses: answers to csat
SELECT
  `t1`.`month`,
  `t1`.`season`,
  `t1`.`journey`,
  `t1`.`step`,
  `t1`.`stage`,
  `t1`.`channel`,
  `t1`.`segment`,
  `t1`.`persona`,
  `t1`.`value`,
  `t1`.`unreadable`,
  `t1`.`timestamp`,
  COUNT(*) AS `n`
FROM (
  SELECT
    `t0`.`csat`,
    `t0`.`feeling`,
    `t0`.`nps`,
    `t0`.`response_id`,
    `t0`.`segment`,
    `t0`.`step`,
    `t0`.`submitted_at`,
    (
      EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) * 100
    ) + EXTRACT(MONTH FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    TRY_CAST(`t0`.`csat` AS DOUBLE) AS `value`,
    (
      NOT `t0`.`csat` IS NULL
    ) AND (
      TRY_CAST(`t0`.`csat` AS DOUBLE) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
      )
      OR (
        EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) < 1900
      )
      THEN 'bad'
      WHEN TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS `timestamp`
  FROM `responses` AS `t0`
) AS `t1`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11;

-- responses: answers to feeling
SELECT
  `t1`.`month`,
  `t1`.`season`,
  `t1`.`journey`,
  `t1`.`step`,
  `t1`.`stage`,
  `t1`.`channel`,
  `t1`.`segment`,
  `t1`.`persona`,
  `t1`.`value`,
  `t1`.`unreadable`,
  `t1`.`timestamp`,
  COUNT(*) AS `n`
FROM (
  SELECT
    `t0`.`csat`,
    `t0`.`feeling`,
    `t0`.`nps`,
    `t0`.`response_id`,
    `t0`.`segment`,
    `t0`.`step`,
    `t0`.`submitted_at`,
    (
      EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) * 100
    ) + EXTRACT(MONTH FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    TRY_CAST(`t0`.`feeling` AS DOUBLE) AS `value`,
    (
      NOT `t0`.`feeling` IS NULL
    )
    AND (
      TRY_CAST(`t0`.`feeling` AS DOUBLE) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
      )
      OR (
        EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) < 1900
      )
      THEN 'bad'
      WHEN TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS `timestamp`
  FROM `responses` AS `t0`
) AS `t1`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11;

-- events: cases
SELECT
  `t2`.`month`,
  `t2`.`season`,
  `t2`.`journey`,
  `t2`.`step`,
  `t2`.`stage`,
  `t2`.`channel`,
  `t2`.`segment`,
  `t2`.`persona`,
  `t2`.`reached_0`,
  `t2`.`reached_1`,
  `t2`.`reached_2`,
  `t2`.`started`,
  `t2`.`completed`,
  `t2`.`minutes`,
  COUNT(*) AS `n`,
  SUM(`t2`.`unreadable`) AS `unreadable`,
  SUM(`t2`.`future`) AS `future`
FROM (
  SELECT
    `t1`.`case`,
    `t1`.`start`,
    `t1`.`seen`,
    `t1`.`end`,
    `t1`.`journey`,
    `t1`.`step`,
    `t1`.`stage`,
    `t1`.`channel`,
    `t1`.`segment`,
    `t1`.`persona`,
    `t1`.`unreadable`,
    `t1`.`future`,
    `t1`.`reached_0`,
    `t1`.`reached_1`,
    `t1`.`reached_2`,
    (
      EXTRACT(YEAR FROM `t1`.`seen`) * 100
    ) + EXTRACT(MONTH FROM `t1`.`seen`) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    NOT `t1`.`start` IS NULL AS `started`,
    NOT `t1`.`end` IS NULL AS `completed`,
    CAST(FLOOR(
      (
        UNIX_TIMESTAMP(`t1`.`end`) - UNIX_TIMESTAMP(`t1`.`start`)
      ) / CAST(60.0 AS DOUBLE)
    ) AS BIGINT) * CAST(1.0 AS DOUBLE) AS `minutes`
  FROM (
    SELECT
      `t0`.`case`,
      MIN(TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) FILTER(WHERE
        (
          NOT TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
        )
        AND (
          TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) <= CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
        )
        AND (
          EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) >= 1900
        )) AS `start`,
      MIN(TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) FILTER(WHERE
        (
          NOT TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
        )
        AND (
          TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) <= CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
        )
        AND (
          EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) >= 1900
        )) AS `seen`,
      MIN(TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) FILTER(WHERE
        (
          `t0`.`event` = 'paid'
        )
        AND (
          (
            NOT TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
          )
          AND (
            TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) <= CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
          )
          AND (
            EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) >= 1900
          )
        )) AS `end`,
      CAST(NULL AS STRING) AS `journey`,
      CAST(NULL AS STRING) AS `step`,
      CAST(NULL AS STRING) AS `stage`,
      CAST(NULL AS STRING) AS `channel`,
      CAST(NULL AS STRING) AS `segment`,
      CAST(NULL AS STRING) AS `persona`,
      SUM(
        CAST((
          TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
        )
        AND (
          NOT `t0`.`submitted_at` IS NULL
        ) AS INT)
      ) AS `unreadable`,
      SUM(
        CAST(TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP) AS INT)
      ) AS `future`,
      BOOL_OR(
        `t0`.`event` IN ('opened')
        AND (
          (
            NOT TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
          )
          AND (
            TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) <= CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
          )
          AND (
            EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) >= 1900
          )
        )
      ) AS `reached_0`,
      BOOL_OR(
        `t0`.`event` IN ('uploaded')
        AND (
          (
            NOT TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
          )
          AND (
            TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) <= CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
          )
          AND (
            EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) >= 1900
          )
        )
      ) AS `reached_1`,
      BOOL_OR(
        `t0`.`event` IN ('paid')
        AND (
          (
            NOT TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
          )
          AND (
            TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) <= CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
          )
          AND (
            EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) >= 1900
          )
        )
      ) AS `reached_2`
    FROM `events` AS `t0`
    GROUP BY
      1
  ) AS `t1`
) AS `t2`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14;

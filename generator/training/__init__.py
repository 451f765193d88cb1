"""The trainee's own progress, kept in the browser: a page per role (pages.py) drawn by
docs/javascripts/training.js, which also records the procedures read."""

# A quiz counts as passed at this share of right answers; the SCORM package's default mastery score.
PASS_PERCENT = 80

"""Turns the after-sales knowledge base (YAML) into a site, checklists, quizzes and job postings."""

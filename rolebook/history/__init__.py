"""What git knows and what changed: the project's revision and history, a project at a revision, the
semantic diff of two revisions, the Word redline and a role's log of versions."""

"""The typed model: a project holds series, a series holds issues, an issue holds articles."""
from .entities import (AddressBook, Distribution, DistributionLine, Group, Issue, Project, Recipient, Section,
                       Series)

__all__ = ["AddressBook", "Distribution", "DistributionLine", "Group", "Issue", "Project", "Recipient", "Section",
           "Series"]

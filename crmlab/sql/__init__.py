"""SQL texts of crmlab: read them beside the Excel formulas and the pandas code."""

"""The organisation as a whole, made from every role's `reports_to`, department, grade and headcount:

    chart.py       the org chart (组织架构图): layout, SVG and PNG
    relations.py   a role's relationship diagram (岗位关系图) for its job description
    catalogue.py   the role catalogue (岗位一览表): xlsx, csv, json, with headcount per department and grade
    ladder.py      the grade × family matrix (职级体系表)
"""

/** One condition of a Magento searchCriteria filter group. */
export type MagentoFilter = {
  field: string;
  value: string;
  conditionType: "eq" | "gt" | "gteq" | "lt" | "lteq" | "in";
};

export type MagentoSortOrder = { field: string; direction: "ASC" | "DESC" };

export type SearchCriteria = {
  /** Filters inside one group are ORed; the groups are ANDed. */
  filterGroups: MagentoFilter[][];
  sortOrders: MagentoSortOrder[];
  pageSize: number;
  currentPage: number;
};

/** Writes searchCriteria as the bracketed query parameters Magento's REST API reads. */
export function searchCriteriaParams(criteria: SearchCriteria): [string, string][] {
  const params: [string, string][] = [];
  criteria.filterGroups.forEach((group, groupIndex) => {
    group.forEach((filter, filterIndex) => {
      const prefix = `searchCriteria[filter_groups][${groupIndex}][filters][${filterIndex}]`;
      params.push([`${prefix}[field]`, filter.field]);
      params.push([`${prefix}[value]`, filter.value]);
      params.push([`${prefix}[condition_type]`, filter.conditionType]);
    });
  });
  criteria.sortOrders.forEach((sort, index) => {
    params.push([`searchCriteria[sortOrders][${index}][field]`, sort.field]);
    params.push([`searchCriteria[sortOrders][${index}][direction]`, sort.direction]);
  });
  params.push(["searchCriteria[pageSize]", String(criteria.pageSize)]);
  params.push(["searchCriteria[currentPage]", String(criteria.currentPage)]);
  return params;
}

package org.sharebus.seeds.inspection;

import org.sharebus.event.common.Department;

/**
 * A certified law-enforcement officer of the inspector pool (执法检查人员名录库).
 *
 * @param id         law-enforcement certificate number (执法证号): region code, department digit, four digits;
 *                   events carry only this
 * @param name       the officer's name: PERSONAL data, never in an event
 * @param regionCode GB/T 2260 code of the officer's unit (330100 for the city-level customs and credit office)
 * @param unit       the officer's unit, e.g. 杭州市西湖区市场监督管理局
 */
public record Inspector(String id, String name, Department department, String regionCode, String unit) {
}
